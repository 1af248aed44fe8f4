#pragma once
// Where a job's document lives between submission and printing: <spool_dir>/<xx>/<uuid>, xx
// the UUID's first two hex digits. The 256 shard directories keep concurrent submissions from
// queueing on one directory's lock and spread the new inodes over the file system. A
// document is written to "<uuid>.part", fsync'ed, renamed and its directory fsync'ed before
// the job is recorded, so an acknowledged job always has its whole document on disk.
//
// A job of a hold queue is acknowledged before it is analysed: its "not analysed yet" mark is a
// second name of the document, <uuid>.unanalysed (or .unanalysed-one-sided /
// .unanalysed-two-sided when the submitter chose the sides), linked before the one directory
// fsync, so the mark is on disk whenever the job is, and survives kill -9 until the price is
// stored. A hard link, not a marker file, because creating inodes is what intake waits on.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "server/job_error.h"
#include "transport/document_source.h"

namespace printline::server {

// What intake knew of a job it did not analyse: the sides the submitter asked for, if any (the
// copies are in the job record).
struct UnanalysedMark {
  std::optional<bool> duplex;
};

class JobSpool {
 public:
  explicit JobSpool(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Creates the shard directories and moves documents of the older flat layout into them.
  Result<bool> prepare() const;

  std::filesystem::path path_of(std::string_view uuid) const;

  // Copies the document to the spool under uuid, refusing more than max_bytes (the partial
  // file is removed). Returns the number of bytes written; errors are kTooLarge, kDocumentCut
  // or kServerFailure.
  // With mark, the job's "not analysed yet" marker is created and synced with the document.
  JobResult<std::uint64_t> write(std::string_view uuid, transport::DocumentSource& document,
                                 std::uint64_t max_bytes,
                                 const std::optional<UnanalysedMark>& mark = std::nullopt) const;
  // Removes the document and its marker (printed, cancelled, failed, or a duplicate
  // submission). Missing is fine.
  void remove(std::string_view uuid) const;

  // The job's "not analysed yet" mark, if it has one.
  std::optional<UnanalysedMark> unanalysed(std::string_view uuid) const;
  // Removes the mark once the job's counts and price are stored (not synced: a mark that comes
  // back after a crash only makes the next start analyse the job again).
  void clear_unanalysed(std::string_view uuid) const;
  // The UUIDs of every job marked "not analysed yet".
  std::vector<std::string> list_unanalysed() const;

 private:
  std::filesystem::path shard_of(std::string_view uuid) const;

  std::filesystem::path dir_;
};

}  // namespace printline::server
