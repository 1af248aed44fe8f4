#include "server/job_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/fd_io.h"

namespace printline::server {

JobDocument JobDocument::in_memory(std::string content, std::filesystem::path work_dir) {
  JobDocument document;
  document.in_memory_ = true;
  document.size_ = content.size();
  document.content_ = std::move(content);
  document.work_dir_ = std::move(work_dir);
  return document;
}

JobDocument JobDocument::in_file(std::filesystem::path path, std::uint64_t size) {
  JobDocument document;
  document.path_ = std::move(path);
  document.size_ = size;
  return document;
}

std::string JobDocument::head(std::size_t count) const {
  if (in_memory_) return content_.substr(0, count);
  std::string bytes(count, '\0');
  std::ifstream in(path_, std::ios::binary);
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return bytes;
}

Result<analysis::JobAnalysis> JobDocument::analyse(const analysis::AnalyzeOptions& options) const {
  if (in_memory_) return analysis::analyze_bytes(content_, options);
  return analysis::analyze_file(path_, options);
}

Result<std::filesystem::path> JobDocument::file() {
  if (!in_memory_) return path_;
  if (!copy_) {
    auto copy = std::make_unique<TemporaryFile>();  // 0600: the document is the user's
    if (auto failed = copy->open("document", work_dir_)) {
      return Error{fmt::format("The server cannot copy the document to {} ({}); check the disk.",
                               work_dir_.string(), failed->message)};
    }
    if (!write_all(copy->fd(), content_.data(), content_.size())) {
      return Error{fmt::format("The server cannot copy the document to {} ({}); check the disk.",
                               copy->path().string(), std::strerror(errno))};
    }
    copy_ = std::move(copy);
  }
  return copy_->path();
}

}  // namespace printline::server
