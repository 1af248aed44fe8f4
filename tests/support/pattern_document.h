#pragma once
// Generated documents for transport tests: any size, without holding it in memory.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "transport/document_source.h"

namespace printline::testing {

// Byte i of a pattern document.
inline char pattern_byte(std::uint64_t i) { return static_cast<char>((i * 131 + i / 251) & 0xff); }

// The first `size` bytes of the pattern, for comparing with what a peer received.
std::string pattern_bytes(std::uint64_t size);

// A document of `size` pattern bytes produced on the fly. Records the largest read request so a
// test can check the transport streams in fixed-size chunks. size() is unknown when
// `announce_size` is false (like a pipe).
class PatternDocument : public transport::DocumentSource {
 public:
  explicit PatternDocument(std::uint64_t size, bool announce_size = true)
      : size_(size), announce_size_(announce_size) {}

  printline::Result<std::size_t> read(std::span<char> buffer) override;
  std::optional<std::uint64_t> size() const override {
    return announce_size_ ? std::optional<std::uint64_t>(size_) : std::nullopt;
  }

  std::size_t largest_read() const { return largest_read_; }
  std::uint64_t reads() const { return reads_; }
  std::uint64_t position() const { return position_; }

 private:
  std::uint64_t size_;
  bool announce_size_;
  std::uint64_t position_ = 0;
  std::size_t largest_read_ = 0;
  std::uint64_t reads_ = 0;
};

// A document whose reads fail, like a file on a disk that went away.
class FailingDocument : public transport::DocumentSource {
 public:
  printline::Result<std::size_t> read(std::span<char>) override {
    return printline::Error{"Input/output error"};
  }
  std::optional<std::uint64_t> size() const override { return 100; }
};

}  // namespace printline::testing
