#include "server/job_recorder.h"

#include <algorithm>
#include <exception>
#include <string>

namespace printline::server {

Result<store::RecordedJob> JobRecorder::record(const model::Job& job,
                                               std::string_view document) {
  Pending mine{&job, document, std::nullopt};
  std::unique_lock lock(mutex_);
  waiting_.push_back(&mine);
  while (!mine.result) {
    if (writing_) {
      written_.wait(lock);
      continue;
    }
    // No write is under way: this caller writes everything waiting, its own job among them.
    writing_ = true;
    auto batch = std::exchange(waiting_, {});
    lock.unlock();
    write(batch);
    lock.lock();
    writing_ = false;
    written_.notify_all();
  }
  return std::move(*mine.result);
}

void JobRecorder::write(const std::vector<Pending*>& batch) {
  // In the order of their owners: each record locks its owner's row (PostgreSQL), and nodes
  // sharing a database must take those locks in one order, or two batches could deadlock.
  auto ordered = batch;
  std::stable_sort(ordered.begin(), ordered.end(), [](const Pending* a, const Pending* b) {
    return a->job->owner_id < b->job->owner_id;
  });
  std::vector<store::SubmittedJob> jobs;
  jobs.reserve(ordered.size());
  for (const auto* pending : ordered) jobs.push_back({*pending->job, pending->document});
  Result<std::vector<Result<store::RecordedJob>>> results = Error{""};
  try {
    results = store_.record_submitted_jobs(jobs);
  } catch (const std::exception& e) {  // never leave the waiting submitters without an answer
    results = Error{std::string("recording the jobs failed: ") + e.what()};
  }
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    if (results.ok()) {
      ordered[i]->result = std::move((*results)[i]);
    } else {
      ordered[i]->result = results.error();
    }
  }
}

}  // namespace printline::server
