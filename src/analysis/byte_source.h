#pragma once
// A document's bytes, read piece by piece at any offset: a file (never read whole into memory)
// or a span held by the caller. Analysis reads through this so that its memory does not grow
// with the size of the job. Plain C++17 (the qpdf input source uses it; see pdf_document.h).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace printline::analysis {

class ByteSource {
 public:
  // Opens `path` for reading. nullopt with `error` set (a sentence for a person) when it cannot.
  static std::optional<ByteSource> open_file(const std::filesystem::path& path, std::string& error);
  // The caller's bytes; they must outlive every copy of the source.
  static ByteSource from_memory(const char* data, size_t size);

  uint64_t size() const { return size_; }
  // Copies up to `length` bytes at `offset` (relative to this source) into `out`; fewer only at
  // the end. Throws std::system_error when the file cannot be read.
  size_t read_at(uint64_t offset, char* out, size_t length) const;
  // The bytes [offset, offset + length) of this source, as a source of their own.
  ByteSource slice(uint64_t offset, uint64_t length) const;
  // The file's path when this source is a whole file (Ghostscript may then read it directly).
  const std::optional<std::filesystem::path>& whole_file() const { return whole_file_; }

 private:
  struct File;
  ByteSource() = default;

  std::shared_ptr<const File> file_;  // null for memory
  const char* memory_ = nullptr;
  uint64_t start_ = 0;
  uint64_t size_ = 0;
  std::optional<std::filesystem::path> whole_file_;
};

}  // namespace printline::analysis
