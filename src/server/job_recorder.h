#pragma once
// Group commit of intake's job records, each with its document when the database keeps it
// (job_spool.h). Submissions that arrive while another's record is being written wait for it,
// then are recorded together in one transaction: one sync of the database for all of them
// instead of one each, and the store's lock is taken once. Each caller still
// returns only once its own job is durable, with its own result (a job the store refuses does
// not fail the others: Store::record_jobs). A job's record is its acknowledgement, so nothing
// waits longer than the write before it.

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/job.h"
#include "store/store.h"

namespace printline::server {

class JobRecorder {
 public:
  explicit JobRecorder(store::Store& store) : store_(store) {}

  // Store::record_job's result for this job, once it is durable; a non-empty document is
  // stored with it (Store::record_submitted_jobs).
  Result<store::RecordedJob> record(const model::Job& job, std::string_view document);

 private:
  struct Pending {
    const model::Job* job;
    std::string_view document;
    std::optional<Result<store::RecordedJob>> result;
  };

  // Records the batch in one transaction and fills in each one's result.
  void write(const std::vector<Pending*>& batch);

  store::Store& store_;
  std::mutex mutex_;
  std::condition_variable written_;
  std::vector<Pending*> waiting_;
  bool writing_ = false;
};

}  // namespace printline::server
