#pragma once
// Retention on the server (docs/operations.md, "Retention"): a background sweep that
//  - cancels held jobs nobody released within their queue's hold time (else the server's
//    held_job_expiry_seconds) of their submission, with a reason the owner reads in the job
//    list (the desktop client warns the owner before: api_client_reports.cc);
//  - deletes the spooled documents of finished jobs: printed ones printed_document_keep_seconds
//    after they printed (the print worker deletes them at once when that is 0; the sweep also
//    finds documents a crash left behind), cancelled and failed ones at once.
// Job rows, charges and the ledger are never deleted: accounting outlives every document.
// The server keeps no outbox or upload rows (a fallback upload is recorded as a job at once),
// so there is nothing else to compact.

#include <functional>

#include "core/periodic_thread.h"
#include "model/timestamp.h"
#include "server/job_spool.h"
#include "server/server_config.h"
#include "store/store.h"

namespace printline::server {

// What one sweep did, for the log and the tests.
struct RetentionSweep {
  int expired_jobs = 0;
  int removed_documents = 0;
};

class Retention {
 public:
  // clock: the time the sweep compares with (tests move it); the store keeps its own.
  Retention(const ServerConfig& config, store::Store& store,
            std::function<model::Timestamp()> clock = model::now_seconds);
  ~Retention();  // stops the thread
  Retention(const Retention&) = delete;
  Retention& operator=(const Retention&) = delete;

  // Sweeps every retention_sweep_seconds on a thread of its own, the first time at once.
  void start();
  void stop();
  RetentionSweep sweep_once();

 private:
  int remove_finished_documents();
  int expire_held_jobs();

  const ServerConfig& config_;
  store::Store& store_;
  const JobSpool spool_;
  const std::function<model::Timestamp()> clock_;
  PeriodicThread sweeps_;
};

}  // namespace printline::server
