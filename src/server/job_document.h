#pragma once
// A job's document, as intake spooled it or as it is read back (job_spool.h): its bytes, kept in
// the database with the job, or its file in the spool.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "analysis/analyze.h"
#include "core/error.h"
#include "core/temporary_file.h"

namespace printline::server {

class JobDocument {
 public:
  static JobDocument in_memory(std::string content, std::filesystem::path work_dir);
  static JobDocument in_file(std::filesystem::path path, std::uint64_t size);

  std::uint64_t size() const { return size_; }
  bool in_file() const { return !in_memory_; }
  const std::filesystem::path& path() const { return path_; }  // in_file() only
  // The bytes the database keeps; empty for a document in a file.
  std::string_view content() const { return in_memory_ ? std::string_view(content_) : ""; }
  // The first bytes, at most `count` (what format it is).
  std::string head(std::size_t count) const;
  Result<analysis::JobAnalysis> analyse(const analysis::AnalyzeOptions& options = {}) const;
  // The document as a file, for what reads files (Ghostscript, the transports): its spool file,
  // or for bytes a private temporary copy in the spool's work directory, removed with this
  // object. Not synced: the database holds the durable copy.
  Result<std::filesystem::path> file();

 private:
  JobDocument() = default;

  bool in_memory_ = false;
  std::string content_;
  std::filesystem::path path_;      // the spool file
  std::filesystem::path work_dir_;  // where a temporary copy goes
  std::unique_ptr<TemporaryFile> copy_;
  std::uint64_t size_ = 0;
};

}  // namespace printline::server
