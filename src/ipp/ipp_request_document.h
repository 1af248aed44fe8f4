#pragma once
// The document after an IPP request's message, with its first bytes read ahead so that an
// operation can tell a request without a document (client-error-bad-request) from one whose
// document is merely short, before anything is spooled.

#include <array>
#include <cstddef>

#include "transport/document_source.h"

namespace printline::ipp {

class RequestDocument final : public transport::DocumentSource {
 public:
  // inner: may be null (no bytes after the message); must outlive this.
  explicit RequestDocument(transport::DocumentSource* inner);

  bool empty() const { return head_size_ == 0; }
  Result<std::size_t> read(std::span<char> buffer) override;
  std::optional<std::uint64_t> size() const override { return std::nullopt; }

 private:
  transport::DocumentSource* inner_;
  std::array<char, 4096> head_{};
  std::size_t head_size_ = 0;
  std::size_t head_position_ = 0;
};

}  // namespace printline::ipp
