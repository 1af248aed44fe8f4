#include "ipp/ipp_request_document.h"

#include <algorithm>
#include <cstring>

namespace printline::ipp {

RequestDocument::RequestDocument(transport::DocumentSource* inner) : inner_(inner) {
  if (!inner_) return;
  auto got = inner_->read(head_);
  if (got.ok()) head_size_ = *got;
}

Result<std::size_t> RequestDocument::read(std::span<char> buffer) {
  if (head_position_ < head_size_) {
    const std::size_t count = std::min(buffer.size(), head_size_ - head_position_);
    std::memcpy(buffer.data(), head_.data() + head_position_, count);
    head_position_ += count;
    return count;
  }
  return inner_->read(buffer);
}

}  // namespace printline::ipp
