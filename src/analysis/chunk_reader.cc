#include "analysis/chunk_reader.h"

#include <algorithm>
#include <cstring>

namespace printline::analysis {

ChunkReader::ChunkReader(const ByteSource& source, size_t buffer_size)
    : source_(source),
      buffer_(static_cast<size_t>(std::min<uint64_t>(std::max<size_t>(buffer_size, 64),
                                                     std::max<uint64_t>(source.size(), 64))),
              '\0'),
      size_(source.size()) {}

std::string_view ChunkReader::peek(size_t n) {
  n = static_cast<size_t>(std::min<uint64_t>({n, buffer_.size(), remaining()}));
  if (end_ - begin_ < n) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    while (end_ < n) {
      size_t got = source_.read_at(offset_ + end_, buffer_.data() + end_, buffer_.size() - end_);
      if (got == 0) {  // the file shrank while we read it: it ends here
        size_ = offset_ + end_;
        break;
      }
      end_ += got;
    }
  }
  return std::string_view(buffer_.data() + begin_, end_ - begin_);
}

void ChunkReader::skip(uint64_t n) {
  n = std::min(n, remaining());
  offset_ += n;
  if (n <= end_ - begin_) {
    begin_ += static_cast<size_t>(n);
  } else {
    begin_ = end_ = 0;
  }
}

void for_each_window(
    const ByteSource& source, size_t chunk, size_t overlap,
    const std::function<bool(std::string_view window, size_t owned, uint64_t start)>& visit) {
  // No bigger than the source: a small job (or a fuzzer's input) costs no megabyte buffer.
  std::string buffer(static_cast<size_t>(std::min<uint64_t>(chunk + overlap, source.size())), '\0');
  for (uint64_t start = 0; start < source.size(); start += chunk) {
    size_t got = source.read_at(start, buffer.data(), buffer.size());
    if (got == 0) return;
    bool last = start + got >= source.size();
    std::string_view window(buffer.data(), got);
    if (!visit(window, last ? got : std::min(chunk, got), start)) return;
    if (last) return;
  }
}

std::optional<uint64_t> find_in(const ByteSource& source, std::string_view needle, uint64_t from) {
  if (needle.empty() || from >= source.size()) return std::nullopt;
  std::optional<uint64_t> found;
  ByteSource rest = source.slice(from, source.size() - from);
  for_each_window(rest, 1 << 20, needle.size() - 1,
                  [&](std::string_view window, size_t owned, uint64_t start) {
                    size_t at = window.find(needle);
                    if (at == std::string_view::npos || at >= owned) return true;
                    found = from + start + at;
                    return false;
                  });
  return found;
}

}  // namespace printline::analysis
