#pragma once
// Reading a ByteSource front to back through one bounded buffer: the incremental parsers
// (PostScript DSC, PCL-XL, PCL 5, plain text) see the job a window at a time, so analysing a
// 1 GiB job takes as much memory as a 1 MiB one.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "analysis/byte_source.h"

namespace printline::analysis {

class ChunkReader {
 public:
  static constexpr size_t kDefaultBuffer = 256 << 10;

  explicit ChunkReader(const ByteSource& source, size_t buffer_size = kDefaultBuffer);

  uint64_t offset() const { return offset_; }  // of the next unread byte, within the source
  uint64_t size() const { return size_; }
  uint64_t remaining() const { return size_ - offset_; }
  bool at_end() const { return offset_ >= size_; }
  size_t capacity() const { return buffer_.size(); }

  // The bytes from the current position that are in the buffer, at least min(n, capacity(),
  // remaining()) of them (reading more when needed). Valid until the next peek or skip.
  std::string_view peek(size_t n);
  // Moves forward `n` bytes (at most to the end); beyond the buffer without reading them.
  void skip(uint64_t n);

 private:
  const ByteSource& source_;
  std::string buffer_;
  size_t begin_ = 0, end_ = 0;  // buffered bytes [begin_, end_) start at offset_
  uint64_t offset_ = 0;
  uint64_t size_;  // the source's size, or where it really ended if the file shrank
};

// Visits the source in overlapping windows: each call gets `window` (at most chunk + overlap
// bytes from source offset `start`) and `owned`, the length of its first part that no later
// window starts in (chunk, or the whole window at the end). A search that counts matches
// starting before `owned` and may look up to `overlap` bytes past them sees each match once,
// as over the whole data. `visit` returns false to stop.
void for_each_window(
    const ByteSource& source, size_t chunk, size_t overlap,
    const std::function<bool(std::string_view window, size_t owned, uint64_t start)>& visit);

// The offset of the first `needle` at or after `from` (needle shorter than 4 KiB).
std::optional<uint64_t> find_in(const ByteSource& source, std::string_view needle, uint64_t from);

}  // namespace printline::analysis
