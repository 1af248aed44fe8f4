#include "support/pattern_document.h"

#include <algorithm>

namespace printline::testing {

std::string pattern_bytes(std::uint64_t size) {
  std::string bytes(size, '\0');
  for (std::uint64_t i = 0; i < size; ++i) bytes[i] = pattern_byte(i);
  return bytes;
}

printline::Result<std::size_t> PatternDocument::read(std::span<char> buffer) {
  largest_read_ = std::max(largest_read_, buffer.size());
  ++reads_;
  const std::size_t count =
      static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size_ - position_));
  for (std::size_t i = 0; i < count; ++i) buffer[i] = pattern_byte(position_ + i);
  position_ += count;
  return count;
}

}  // namespace printline::testing
