#pragma once
// Where a job's document lives between submission and printing.
//
// A document of at most `database_bytes` (ServerConfig::database_document_bytes, 1 MiB by
// default) is kept in the database with its job: intake reads it into memory and the store
// writes it in the job's own transaction (Store::record_submitted_jobs), so one sync makes the
// job and its document durable and no file is created per job. Creating a file, syncing it and
// syncing its directory for every job was most of intake's cost (docs/benchmarks.md).
//
// A larger document is a file <spool_dir>/<xx>/<uuid>, xx the UUID's first two hex digits (256
// shard directories keep concurrent submissions from queueing on one directory's lock). It is
// written to "<uuid>.part", fsync'ed, renamed and its directory fsync'ed before the job is
// recorded, so an acknowledged job always has its whole document either way.
//
// Whether a job is analysed yet is the job's own flag (model::Job::unanalysed); older versions
// marked it with a second name of the document, <uuid>.unanalysed[-one-sided|-two-sided], which
// the start turns into the flag (older_unanalysed_marks).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "server/job_document.h"
#include "server/job_error.h"
#include "store/store.h"
#include "transport/document_source.h"

namespace printline::server {

class JobSpool {
 public:
  JobSpool(std::filesystem::path dir, store::Store& store, std::uint64_t database_bytes)
      : dir_(std::move(dir)), store_(store), database_bytes_(database_bytes) {}

  // Creates the shard and work directories, moves documents of the older flat layout into the
  // shards and removes temporary copies a stopped run left over a day ago.
  Result<bool> prepare() const;

  // Reads the document, refusing more than max_bytes: up to database_bytes it is kept in memory
  // for the job's record (JobDocument::content), beyond that it is written to its file and
  // synced. Errors are kTooLarge, kDocumentCut or kServerFailure; a partial file is removed.
  JobResult<JobDocument> write(std::string_view uuid, transport::DocumentSource& document,
                               std::uint64_t max_bytes) const;
  // The job's document: from the database, else its file. kServerFailure when it has neither.
  JobResult<JobDocument> open(std::string_view uuid) const;
  // A document write() spooled for a job that was not recorded: its file goes (bytes need
  // nothing; the database may hold another server's copy under the same UUID).
  void discard(const JobDocument& document) const;
  // Removes the document, file or row (printed, cancelled, failed, or a duplicate
  // submission). Missing is fine.
  void remove(std::string_view uuid) const;
  // The UUIDs that have a document: files in the spool, rows in the database (retention).
  std::vector<std::string> uuids() const;
  // The size of the job's document file; 0 when it has none (it may be in the database).
  std::uint64_t file_size(std::string_view uuid) const;

  // "Not analysed yet" marks an older version left in the spool; forget_older_mark removes one
  // once the job carries the flag.
  std::vector<std::string> older_unanalysed_marks() const;
  void forget_older_mark(std::string_view uuid) const;

  // <spool>/<xx>/<uuid>: where the document of a job is when it is a file.
  std::filesystem::path path_of(std::string_view uuid) const { return file_of(dir_, uuid); }
  static std::filesystem::path file_of(const std::filesystem::path& spool_dir,
                                       std::string_view uuid);

 private:
  std::filesystem::path shard_of(std::string_view uuid) const;
  std::filesystem::path work_dir() const { return dir_ / "work"; }

  std::filesystem::path dir_;
  store::Store& store_;
  std::uint64_t database_bytes_;
};

}  // namespace printline::server
