#pragma once
// The job service's implementation (job_service.h), private to src/server: one object whose
// steps live in one file each —
//   job_intake.cc         submit: spool, analyse (direct queues), price, record
//   job_analysis_step.cc  a hold queue's job analysed and priced in the background
//   job_control.cc        release and cancel, asked by a person
//   job_charge.cc         pricing for the printer, the credit check, the charge
//   job_printing.cc       the print workers: delivery (job_delivery.h) with retries
//   job_commit.cc         D10: the client's commit, the expiry of jobs never committed, and
//                         the grace of commits a stopped run may not have answered
//   job_recovery.cc       start, restart and shutdown; a send cut off by a stop, asked of the
//                         printer
// and job_service.cc, the facade that starts it.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/periodic_thread.h"
#include "model/affordability.h"
#include "model/job_outcome.h"
#include "model/printer.h"
#include "server/job_recorder.h"
#include "server/job_service.h"
#include "server/job_spool.h"
#include "server/node_watch.h"
#include "transport/cancel_flag.h"
#include "transport/send_options.h"

namespace printline::server {

// "not enough credit: …" → "Not enough credit: … ."
std::string job_sentence(std::string text);
JobError job_not_found(std::string_view uuid);
// The notes of a job entering its queue (model/job_outcome.h: worded for each reader).
inline std::string waiting_for_printer_outcome() {
  return model::outcome_note("Waiting for a printer.");
}
inline std::string held_for_release_outcome() {
  return model::outcome_note("Held until you release it to a printer.");
}
inline std::string cancelled_by_outcome(const std::string& login) {
  return model::outcome_note("Cancelled by {login}.", {{"login", login}});
}
// D10: the outcome of a job awaiting its desktop client's commit.
inline std::string awaiting_commit_outcome() {
  return model::outcome_note("Waiting for the desktop client that sent it to confirm it.");
}

class JobPipeline final : public JobService {
 public:
  JobPipeline(const ServerConfig& config, store::Store& store);
  ~JobPipeline() override;

  // job_recovery.cc
  Result<bool> resume();
  Result<bool> queue_pending_jobs();
  void start_workers();
  void resume_analysis();
  void shutdown() override;

  // job_intake.cc
  JobResult<store::RecordedJob> submit(const JobSubmission& submission,
                                       transport::DocumentSource& document) override;

  // job_control.cc
  JobResult<model::Job> hold(std::string_view uuid, const model::User& by,
                             std::string_view reason, bool by_pause) override;
  JobResult<model::Job> release(std::string_view uuid, std::int64_t printer_id,
                                const model::User& by) override;
  JobResult<model::Job> cancel(std::string_view uuid, const model::User& by) override;

  // job_commit.cc
  JobResult<model::Job> commit(std::string_view uuid, const model::User& by) override;

 private:
  struct InFlight {
    transport::CancelFlag flag;
    std::string cancelled_by;
  };

  // Holds one UUID in `held` until destroyed; another claim of the same UUID waits, other
  // UUIDs do not. Used for one submission of a UUID at a time in this process (the store's
  // UNIQUE constraint settles races between processes) and for one analysis of a job at a
  // time (the analyser thread, a release, a print worker; the analyser may be starved at
  // nice 19).
  class UuidClaim {
   public:
    UuidClaim(JobPipeline& service, std::set<std::string>& held, std::condition_variable& released,
              std::string uuid)
        : service_(service), held_(held), released_(released), uuid_(std::move(uuid)) {
      std::unique_lock lock(service_.mutex_);
      released_.wait(lock, [&] { return !held_.contains(uuid_); });
      held_.insert(uuid_);
    }
    ~UuidClaim() {
      {
        std::lock_guard lock(service_.mutex_);
        held_.erase(uuid_);
      }
      released_.notify_all();
    }
    UuidClaim(const UuidClaim&) = delete;
    UuidClaim& operator=(const UuidClaim&) = delete;

   private:
    JobPipeline& service_;
    std::set<std::string>& held_;
    std::condition_variable& released_;
    std::string uuid_;
  };

  // job_intake.cc
  JobResult<store::RecordedJob> submit_unanalysed(const JobSubmission& submission,
                                                  const std::string& uuid,
                                                  const model::PrintQueue& queue,
                                                  transport::DocumentSource& document);
  JobResult<store::RecordedJob> record_spooled(const model::Job& job, const JobDocument& document);
  std::optional<std::string> unrecognised_format(const JobDocument& document) const;
  std::optional<JobError> held_count_refusal(const model::User& owner);
  std::optional<JobError> held_bytes_refusal(const model::User& owner, std::string_view uuid,
                                             std::uint64_t new_bytes);
  void enqueue(std::string uuid);

  // job_recovery.cc: a job held because its send was cut off, settled by what its printers
  // say (printed, or printed again), else left held.
  void settle_interrupted(const std::string& uuid);
  void settle_in_background();  // the settler thread: settle_interrupted for each of to_settle_

  // job_commit.cc
  model::Timestamp commit_deadline(const model::User& owner);  // now + the answer timeout
  std::chrono::seconds commit_sweep_interval() const;
  void expire_uncommitted();
  std::chrono::seconds report_grace();
  // With mutex_ held: `uuid` prints once `grace_ends` is past, unless cancelled meanwhile.
  void queue_after_grace(std::string uuid, std::chrono::steady_clock::time_point grace_ends);
  // With mutex_ held: the jobs whose grace ended go to work_; the next grace's end, if any.
  std::optional<std::chrono::steady_clock::time_point> end_graces();

  // job_analysis_step.cc
  void analyse_in_background();
  JobResult<bool> ensure_analysed(std::string_view uuid);

  // job_control.cc
  JobResult<model::Job> visible_job(std::string_view uuid, const model::User& by);

  // job_charge.cc
  JobResult<model::Job> reprice(const model::Job& job, bool prints_color);
  // The reason is in the owner's language (D14), its amounts in the server's currency.
  Result<model::Affordability> check_credit(const model::Job& job);
  // The owner's language, for what is written to them outside their own requests; "" unknown.
  std::string owner_language(const model::Job& job);
  void reserve(const model::Job& job);    // with mutex_ held
  void unreserve(const model::Job& job);  // with mutex_ held
  void charge_printed(const model::Job& job, const model::Printer& printer,
                      std::string_view outcome);

  // job_printing.cc
  void work();
  void print(const std::string& uuid);
  transport::SendOptions delivery_options(const model::Job& job, const JobDocument& document,
                                          InFlight& in_flight);
  void deliver_with_retries(const model::Job& job, InFlight& in_flight);
  void cancelled(const model::Job& job, const InFlight& in_flight);
  void record(std::string_view uuid, model::JobState state, std::optional<std::int64_t> printer_id,
              std::string_view outcome);

  const ServerConfig config_;
  store::Store& store_;
  const JobSpool spool_;
  JobRecorder recorder_;  // intake's records, group-committed
  NodeWatch node_watch_;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable analyse_ready_;
  std::deque<std::string> to_analyse_;
  std::thread analyser_;
  PeriodicThread commit_sweeper_;  // expire_uncommitted every commit_sweep_interval
  std::condition_variable in_flight_done_;
  std::condition_variable claims_done_;
  std::deque<std::string> work_;
  // D10: committed desktop-client jobs a previous run (or a stopped node) left pending, each
  // with the moment it may print (report_grace, job_commit.cc).
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> in_grace_;
  std::deque<std::string> to_settle_;  // held as interrupted, for the settler to look up
  std::condition_variable settle_ready_;
  std::thread settler_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
  std::map<std::string, std::shared_ptr<InFlight>> in_flight_;
  std::map<std::int64_t, model::UnsyncedSpending> reserved_;  // jobs being sent, per owner
  std::set<std::string> claimed_;
  std::condition_variable analysed_;
  std::set<std::string> analysing_;  // UUIDs being analysed
};

}  // namespace printline::server
