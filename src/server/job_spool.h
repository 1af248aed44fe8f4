#pragma once
// Where a job's document lives between submission and printing: <spool_dir>/<uuid>. A
// document is written to "<uuid>.part", fsync'ed, renamed and the directory fsync'ed before
// the job is recorded, so an acknowledged job always has its whole document on disk.

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/error.h"
#include "server/job_error.h"
#include "transport/document_source.h"

namespace printline::server {

class JobSpool {
 public:
  explicit JobSpool(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::filesystem::path path_of(std::string_view uuid) const { return dir_ / std::string(uuid); }

  // Copies the document to the spool under uuid, refusing more than max_bytes (the partial
  // file is removed). Returns the number of bytes written; errors are kTooLarge, kDocumentCut
  // or kServerFailure.
  JobResult<std::uint64_t> write(std::string_view uuid, transport::DocumentSource& document,
                                 std::uint64_t max_bytes) const;
  // Removes the document (printed, cancelled, or a duplicate submission). Missing is fine.
  void remove(std::string_view uuid) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace printline::server
