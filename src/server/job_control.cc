// What a person asks of a job (job_pipeline.h): release a held job to a printer (priced for it
// and checked for credit first, job_charge.cc), cancel one that has not printed, and hold one
// waiting for its printer.

#include <fmt/format.h>

#include <cctype>

#include "core/i18n.h"
#include "core/logging.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"

namespace printline::server {

using model::Job;
using model::JobState;
namespace {

bool is_admin(const model::User& user) { return user.role == model::Role::kAdmin; }

// Roaming: a job held in a queue that names printers (a hold queue on a printer group) is
// released at any printer of that queue, and only there; a queue naming none lets it go
// anywhere. Administrators may send it anywhere. Empty when allowed, else why not.
Result<std::string> roaming_refusal(store::Store& store, const Job& job, const model::Printer& at,
                                    const model::User& by) {
  if (is_admin(by) || !job.queue_id) return std::string();
  auto queue = find_queue_by_id(store, *job.queue_id);
  if (!queue.ok()) return queue.error();
  if (!*queue) return std::string();
  auto printers = printers_for(store, **queue, std::nullopt);
  if (!printers.ok()) return printers.error();
  if (printers->empty()) return std::string();
  std::string names;
  for (const auto& printer : *printers) {
    if (printer.id == at.id) return std::string();
    names += (names.empty() ? "" : ", ") + printer.name;
  }
  return trf("Job {job} waits in queue {queue}, which prints on {printers}: release it at one of "
             "those printers, not at {printer}.",
             fmt::arg("job", job.uuid), fmt::arg("queue", (*queue)->name),
             fmt::arg("printers", names), fmt::arg("printer", at.name));
}

}  // namespace

std::string job_sentence(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(text[0]));
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

JobError job_not_found(std::string_view uuid) {
  return JobError{JobErrorKind::kNotFound, trf("There is no job {job}.", fmt::arg("job", uuid))};
}

JobResult<Job> JobPipeline::release(std::string_view uuid, std::int64_t printer_id,
                                    const model::User& by) {
  {
    // Never release (or check credit for) a job not analysed yet: analyse it now.
    auto visible = visible_job(uuid, by);
    if (!visible.ok()) return visible.error();
    auto analysed = ensure_analysed(uuid);
    if (!analysed.ok()) return analysed.error();
  }
  std::unique_lock lock(mutex_);
  auto job = visible_job(uuid, by);
  if (!job.ok()) return job.error();
  if (job->awaiting_commit) {
    // D10: its client may be printing it on a fallback printer right now.
    return JobError{JobErrorKind::kNotPossible,
                    trf("Job {job} is waiting for the desktop client that sent it to confirm "
                        "it; it can be released once confirmed.",
                        fmt::arg("job", uuid))};
  }
  if (job->state != JobState::kHeld) {
    return JobError{JobErrorKind::kNotPossible,
                    trf("Job {job} is not held (it is {state}); only a held job can be released.",
                        fmt::arg("job", uuid), fmt::arg("state", model::state_name(job->state)))};
  }
  std::optional<std::int64_t> target;
  std::string where;
  bool where_is_note = false;  // a queue, worded for the reader; a printer is its name
  bool prints_color = true;
  if (printer_id != 0) {
    auto printer = store_.find_printer(printer_id);
    if (!printer.ok()) return server_failure(printer.error());
    if (!*printer) {
      return JobError{JobErrorKind::kNoSuchPrinter,
                      trf("There is no printer with id {id}.", fmt::arg("id", printer_id))};
    }
    auto refusal = roaming_refusal(store_, *job, **printer, by);
    if (!refusal.ok()) return server_failure(refusal.error());
    if (!refusal->empty()) return JobError{JobErrorKind::kNotPossible, *refusal};
    target = printer_id;
    where = (*printer)->name;
    prints_color = (*printer)->color;
  } else {
    // 0: print on the job's own queue printers (a direct-queue job held for credit).
    auto queue = job->queue_id ? find_queue_by_id(store_, *job->queue_id)
                               : Result<std::optional<model::PrintQueue>>(std::nullopt);
    if (!queue.ok()) return server_failure(queue.error());
    auto printers = *queue ? printers_for(store_, **queue, std::nullopt)
                           : Result<std::vector<model::Printer>>(std::vector<model::Printer>{});
    if (!printers.ok()) return server_failure(printers.error());
    if (printers->empty()) {
      return JobError{JobErrorKind::kNotPossible,
                      trf("Choose a printer to release job {job} to.", fmt::arg("job", uuid))};
    }
    where = model::outcome_note("queue {queue}", {{"queue", (*queue)->name}});
    where_is_note = true;
    prints_color = any_color(*printers);
  }
  // Held jobs were priced before their printer was known: price them for where they go, so
  // a colour job released to a mono printer costs the mono price (and is checked at it).
  auto repriced = reprice(*job, prints_color);
  if (!repriced.ok()) return repriced.error();
  *job = std::move(*repriced);
  auto affordable = check_credit(*job);
  if (!affordable.ok()) return server_failure(affordable.error());
  if (!affordable->allowed) {
    auto reason = job_sentence(affordable->reason);
    auto updated = store_.set_job_state(uuid, JobState::kHeld, std::nullopt, reason);
    if (!updated.ok()) return server_failure(updated.error());
    return JobError{JobErrorKind::kNotPossible, reason};
  }
  auto released = store_.set_job_state(
      uuid, JobState::kPending, target,
      model::outcome_note("Released to {printer} by {login}; waiting for the printer.",
                          {{"printer", where, where_is_note}, {"login", by.login}}));
  if (!released.ok()) return server_failure(released.error());
  object_logger("job", uuid)->info("released to {} by {}", model::outcome_for_reader(where),
                                   by.login);
  work_.push_back(std::string(uuid));
  work_ready_.notify_one();
  return *released;
}

JobResult<Job> JobPipeline::cancel(std::string_view uuid, const model::User& by) {
  std::unique_lock lock(mutex_);
  auto job = visible_job(uuid, by);
  if (!job.ok()) return job.error();
  if (job->state == JobState::kPrinted) {
    return JobError{
        JobErrorKind::kNotPossible,
        trf("Job {job} has already printed; it can no longer be cancelled.",
            fmt::arg("job", uuid))};
  }
  if (job->state == JobState::kCancelled) return job;
  const std::string key(uuid);
  if (auto it = in_flight_.find(key); it != in_flight_.end()) {
    // Being sent: the worker stops the transport and records the cancellation.
    it->second->cancelled_by = by.login;
    it->second->flag.cancel();
    work_ready_.notify_all();  // wakes a worker waiting to retry
    in_flight_done_.wait_for(lock, std::chrono::seconds(30),
                             [&] { return !in_flight_.contains(key); });
    auto after = store_.find_job(uuid);
    if (!after.ok()) return server_failure(after.error());
    if (!*after) return job_not_found(uuid);
    if ((*after)->state == JobState::kPrinted) {
      return JobError{JobErrorKind::kNotPossible,
                      trf("Job {job} printed before it could be stopped.", fmt::arg("job", uuid))};
    }
    return **after;
  }
  auto cancelled = store_.set_job_state(uuid, JobState::kCancelled, std::nullopt,
                                        cancelled_by_outcome(by.login));
  if (!cancelled.ok()) return server_failure(cancelled.error());
  spool_.remove(uuid);
  object_logger("job", uuid)->info("cancelled by {}", by.login);
  return *cancelled;
}

JobResult<Job> JobPipeline::hold(std::string_view uuid, const model::User& by,
                                 std::string_view reason, bool by_pause) {
  std::unique_lock lock(mutex_);
  auto job = visible_job(uuid, by);
  if (!job.ok()) return job.error();
  if (job->state == JobState::kHeld) return job;
  // A print worker claims a pending job under mutex_ (job_printing.cc), so a pending job not
  // in flight is not being sent by this server.
  const auto not_waiting = [&](JobState state) {
    return JobError{JobErrorKind::kNotPossible,
                    trf("Job {job} is {state}; only a job waiting for its printer can be held.",
                        fmt::arg("job", uuid), fmt::arg("state", model::state_name(state)))};
  };
  if (job->state != JobState::kPending || in_flight_.contains(std::string(uuid))) {
    return not_waiting(job->state);
  }
  // Pending in the store only if no other server sharing the database claimed it meanwhile.
  auto held = store_.hold_pending_job(uuid, reason, by_pause);
  if (!held.ok()) return server_failure(held.error());
  auto now = visible_job(uuid, by);
  if (!now.ok()) return now.error();
  if (!*held) return not_waiting(now->state);
  object_logger("job", uuid)->info("held by {}{}", by.login, by_pause ? " (queue paused)" : "");
  return now;  // a worker that dequeues it finds it no longer pending
}

// The job if `by` may see it; another user's job is "not found" (ids reveal nothing).
JobResult<Job> JobPipeline::visible_job(std::string_view uuid, const model::User& by) {
  auto job = store_.find_job(uuid);
  if (!job.ok()) return server_failure(job.error());
  if (!*job || ((*job)->owner_id != by.id && !is_admin(by))) return job_not_found(uuid);
  return **job;
}

}  // namespace printline::server
