#pragma once
// The desktop client's local IPP printer's held jobs (IPP job-hold-until "indefinite",
// Hold-Job of a job not yet received, Pause-Printer): a held job has not entered the outbox —
// nothing is sent to the server or a fallback printer — until Release-Job hands it over. Its
// document waits in a file of the printer's spool directory.
//
// Kept in memory like a Create-Job waiting for its document (ipp/ipp_printer.h): when the
// client restarts, held jobs are forgotten and their files removed with the spool directory's
// leftovers; the application prints them again. At most kMaxHeldJobs at a time (D12).
// Thread-safe.

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ipp/ipp_job_description.h"
#include "ipp/ipp_printer_backend.h"
#include "transport/document_source.h"

namespace printline::client {

inline constexpr std::size_t kMaxHeldJobs = 100;

class LocalHeldJobs {
 public:
  // dir: where the documents wait (created if missing).
  explicit LocalHeldJobs(std::filesystem::path dir);

  // Keeps the job and its whole document, held; the description has a new job-uuid.
  Result<ipp::JobDescription> hold(const ipp::NewJob& job, transport::DocumentSource& document,
                                   const std::string& owner);
  std::optional<ipp::JobDescription> find(const std::string& uuid) const;
  std::vector<ipp::JobDescription> list() const;  // newest first

  struct Released {
    ipp::NewJob job;
    std::filesystem::path document;  // the caller removes it once the outbox has the job
  };
  // Takes a held job out to be handed over; none when it is not held here.
  std::optional<Released> take(const std::string& uuid);
  // Cancels a held job: its document is removed, it is shown cancelled.
  bool cancel(const std::string& uuid);

 private:
  struct Held {
    ipp::NewJob job;
    ipp::JobDescription shown;
  };

  const std::filesystem::path dir_;
  mutable std::mutex mutex_;
  std::map<std::string, Held> held_;  // by job-uuid, cancelled ones included
};

}  // namespace printline::client
