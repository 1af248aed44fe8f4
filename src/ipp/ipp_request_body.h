#pragma once
// The body of an HTTP POST carrying an IPP request and its document: held in memory while
// small (most jobs), spilled to an unlinked temporary file in a spool directory once it passes
// 1 MiB, so a large document never sits in memory and a small one costs no file creation.

#include <filesystem>
#include <memory>
#include <string>

#include "core/unique_fd.h"
#include "ipp/ipp_message.h"
#include "transport/document_source.h"

namespace printline::ipp {

class IppRequestBody {
 public:
  explicit IppRequestBody(std::filesystem::path spool_dir) : dir_(std::move(spool_dir)) {}

  // False when the spill file cannot be created or written (disk full).
  bool append(const char* data, std::size_t size);

  // Decodes the IPP message; *document becomes the bytes after it. Null when the body is
  // not a complete IPP message.
  IppPtr decode(std::unique_ptr<transport::DocumentSource>* document);

 private:
  static constexpr std::size_t kMemoryLimit = 1 << 20;

  std::filesystem::path dir_;
  std::string memory_;
  UniqueFd fd_;  // the spill file, once the body outgrows memory
};

}  // namespace printline::ipp
