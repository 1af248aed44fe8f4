// Intake (job_pipeline.h): a document is spooled, and on a direct queue analysed, priced and
// recorded with its ticket and MIME type before the submitter is answered; a hold queue's job
// is acknowledged before it is analysed (job_analysis_step.cc). A UUID seen before returns the
// recorded job untouched (D6).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <span>

#include "analysis/analyze.h"
#include "analysis/document_format.h"
#include "core/crash_point.h"
#include "core/i18n.h"
#include "core/job_uuid.h"
#include "core/logging.h"
#include "server/job_counts.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"

namespace printline::server {

using model::Job;
using model::JobState;
namespace {

void drain(transport::DocumentSource& document) {
  std::array<char, 64 * 1024> buffer{};
  while (true) {
    auto got = document.read(buffer);
    if (!got.ok() || *got == 0) return;
  }
}

}  // namespace

JobResult<store::RecordedJob> JobPipeline::submit(const JobSubmission& submission,
                                                  transport::DocumentSource& document) {
  std::string uuid = submission.uuid.empty() ? new_job_uuid() : submission.uuid;
  std::transform(uuid.begin(), uuid.end(), uuid.begin(), ::tolower);
  if (!is_valid_job_uuid(uuid)) {
    return JobError{JobErrorKind::kInvalidUuid,
                    fmt::format("\"{}\" is not a job UUID (like 1b4e28ba-2fa1-4d2b-a3f6-"
                                "0123456789ab).",
                                submission.uuid)};
  }
  UuidClaim claim(*this, claimed_, claims_done_, uuid);  // one submission per UUID
  auto existing = store_.find_job(uuid);
  if (!existing.ok()) return server_failure(existing.error());
  if (*existing) {
    drain(document);
    if ((*existing)->owner_id != submission.owner.id) {
      // Never reveal or touch another user's job through its UUID.
      return JobError{JobErrorKind::kUuidTaken,
                      fmt::format("The job UUID {} is already used by another job; the client "
                                  "must give every job a new UUID.",
                                  uuid)};
    }
    // D6: the same job again; its new copy of the document is discarded unread.
    object_logger("job", uuid)
        ->info("submitted again by {}: nothing printed or charged", submission.owner.login);
    // D10: its client is still there and about to commit it: the deadline counts from now.
    if ((*existing)->awaiting_commit && submission.awaiting_commit) {
      const auto deadline = commit_deadline(submission.owner);
      if (auto extended = store_.extend_commit_deadline(uuid, deadline); extended.ok() && *extended)
        (*existing)->commit_before = deadline;
    }
    return store::RecordedJob{**existing, true, false};
  }
  auto queue = store_.find_queue_by_name(submission.queue_name);
  if (!queue.ok()) return server_failure(queue.error());
  if (!*queue) {
    return JobError{JobErrorKind::kNoSuchQueue,
                    trf("There is no queue named {queue}.",
                        fmt::arg("queue", submission.queue_name))};
  }
  auto targets = printers_for(store_, **queue, std::nullopt);
  if (!targets.ok()) return server_failure(targets.error());
  if (auto refused = held_count_refusal(submission.owner)) {
    drain(document);
    return *refused;
  }

  auto log = object_logger("job", uuid);
  if ((*queue)->kind == model::QueueKind::kHold) {
    return submit_unanalysed(submission, uuid, **queue, document);
  }
  auto spooled = spool_.write(uuid, document, config_.max_upload_bytes);
  if (!spooled.ok()) return spooled.error();  // already a JobError with its kind
  auto analysis = spooled->analyse();
  if (!analysis.ok()) {
    spool_.discard(*spooled);
    return JobError{JobErrorKind::kUnprintable,
                    fmt::format("The document cannot be printed: {}", analysis.error().message)};
  }
  auto prices = store_.price_list();
  if (!prices.ok()) {
    spool_.discard(*spooled);
    return server_failure(prices.error());
  }
  auto counting = count_job(*analysis, submission.ticket, *prices, any_color(*targets));
  if (!counting.ok()) {
    spool_.discard(*spooled);
    return JobError{JobErrorKind::kNotPriced, counting.error().message};
  }

  Job job;
  job.uuid = uuid;
  job.owner_id = submission.owner.id;
  job.queue_id = (*queue)->id;
  job.state = JobState::kPending;
  job.title = submission.title;
  job.ticket = submission.ticket;
  job.document_format = std::string(analysis::format_mime_type(analysis->format));
  job.counts = counting->counts;
  job.cost_cents = counting->cost_cents;
  job.submitted_at = model::now_seconds();
  job.outcome = waiting_for_printer_outcome();
  if (!submission.hold_reason.empty()) {  // IPP job-hold-until, a paused queue: until released
    job.state = JobState::kHeld;
    job.outcome = submission.hold_reason;
    job.held_by_pause = submission.held_by_pause;
  }
  if (submission.awaiting_commit) {
    // D10: held, neither printed nor charged, until the client commits it (job_commit.cc).
    job.state = JobState::kHeld;
    job.awaiting_commit = true;
    job.commit_before = commit_deadline(submission.owner);
    job.outcome = awaiting_commit_outcome();
    job.held_by_pause = false;  // a paused queue holds it when it is committed
  }
  auto recorded = record_spooled(job, *spooled);
  if (!recorded.ok() || recorded->duplicate) return recorded;
  log->info("accepted from {} on queue {}: {} bytes, {} pages ({} colour) x{}, {} cents{}",
            submission.owner.login, (*queue)->name, spooled->size(), job.counts.pages,
            job.counts.color_pages, job.counts.copies, job.cost_cents,
            job.awaiting_commit ? ", awaiting its client's commit" : "");
  if (!job.awaiting_commit) enqueue(uuid);
  return recorded;
}

// Per-user limits on held jobs (D12), so that no user fills the spool for everyone: the
// number of held jobs, checked before a byte is spooled, and the bytes their documents take,
// checked once the new document's size is known. The documents are looked at only when the
// count times the largest upload could pass the byte limit, so a user with a few held jobs
// costs one COUNT per submission.
std::optional<JobError> JobPipeline::held_count_refusal(const model::User& owner) {
  if (config_.max_held_jobs_per_user <= 0) return std::nullopt;
  store::JobFilter held;
  held.owner_id = owner.id;
  held.state = JobState::kHeld;
  auto count = store_.count_jobs(held);
  if (!count.ok()) return server_failure(count.error());
  if (*count < config_.max_held_jobs_per_user) return std::nullopt;
  return JobError{JobErrorKind::kNotPossible,
                  trf("You have {count} held jobs, the most one user may keep. Release or "
                      "cancel some of them (My jobs in the web interface), then send this job "
                      "again.",
                      fmt::arg("count", *count))};
}

std::optional<JobError> JobPipeline::held_bytes_refusal(const model::User& owner,
                                                        std::string_view uuid,
                                                        std::uint64_t new_bytes) {
  const std::uint64_t limit = config_.max_held_bytes_per_user;
  if (limit == 0) return std::nullopt;
  store::JobFilter held;
  held.owner_id = owner.id;
  held.state = JobState::kHeld;
  auto count = store_.count_jobs(held);
  if (!count.ok()) return server_failure(count.error());
  if (static_cast<std::uint64_t>(*count) * config_.max_upload_bytes + new_bytes <= limit) {
    return std::nullopt;
  }
  held.limit = static_cast<int>(std::min<std::int64_t>(*count, 100'000));
  auto jobs = store_.list_jobs(held);
  if (!jobs.ok()) return server_failure(jobs.error());
  auto bytes = store_.held_document_bytes(owner.id);  // the documents kept in the database
  if (!bytes.ok()) return server_failure(bytes.error());
  for (const auto& job : *jobs) {
    if (job.uuid != uuid) *bytes += spool_.file_size(job.uuid);  // and those in files
  }
  if (*bytes + new_bytes <= limit) return std::nullopt;
  return JobError{JobErrorKind::kNotPossible,
                  trf("Your held jobs already take {held} MiB and this one {size} MiB; one user "
                      "may keep at most {limit} MiB waiting. Release or cancel some held jobs, "
                      "then send this job again.",
                      fmt::arg("held", *bytes >> 20), fmt::arg("size", new_bytes >> 20),
                      fmt::arg("limit", limit >> 20))};
}

// A hold queue's job: spooled, recorded as held and "not analysed yet" (Job::unanalysed) with the
// submitter's copies and nothing to pay yet, acknowledged; the analyser prices it later.
JobResult<store::RecordedJob> JobPipeline::submit_unanalysed(const JobSubmission& submission,
                                                             const std::string& uuid,
                                                             const model::PrintQueue& queue,
                                                             transport::DocumentSource& document) {
  auto log = object_logger("job", uuid);
  auto spooled = spool_.write(uuid, document, config_.max_upload_bytes);
  if (!spooled.ok()) return spooled.error();
  if (auto refused = held_bytes_refusal(submission.owner, uuid, spooled->size())) {
    spool_.discard(*spooled);
    return *refused;
  }
  // What is not a document at all is refused at once, as the analysis would: only the first
  // bytes are read here (the format), the pages and colours come later.
  if (auto refused = unrecognised_format(*spooled)) {
    spool_.discard(*spooled);
    return JobError{JobErrorKind::kUnprintable,
                    fmt::format("The document cannot be printed: {}", *refused)};
  }
  Job job;
  job.uuid = uuid;
  job.owner_id = submission.owner.id;
  job.queue_id = queue.id;
  job.state = JobState::kHeld;
  job.title = submission.title;
  job.ticket = submission.ticket;
  job.counts.pages = 0;
  job.counts.color_pages = 0;
  job.counts.copies = submission.ticket.copies;
  job.counts.duplex =
      submission.ticket.sides.value_or(model::Sides::kOneSided) != model::Sides::kOneSided;
  job.cost_cents = 0;
  job.submitted_at = model::now_seconds();
  job.outcome = held_for_release_outcome();
  job.unanalysed = true;
  if (submission.awaiting_commit) {
    job.awaiting_commit = true;  // D10: not releasable until its client commits it
    job.commit_before = commit_deadline(submission.owner);
    job.outcome = awaiting_commit_outcome();
  }
  auto recorded = record_spooled(job, *spooled);
  if (!recorded.ok() || recorded->duplicate) return recorded;
  log->info("accepted from {} on queue {}: {} bytes x{}, to be analysed", submission.owner.login,
            queue.name, spooled->size(), job.counts.copies);
  {
    std::lock_guard lock(mutex_);
    to_analyse_.push_back(uuid);
  }
  analyse_ready_.notify_one();
  return recorded;
}

// Records a job with its spooled document (kept in the database, or its file); if that fails,
// the document goes. A duplicate (another server process sharing the database recorded the UUID
// first) leaves the document, that server's copy, while the job is unfinished.
JobResult<store::RecordedJob> JobPipeline::record_spooled(const Job& job,
                                                          const JobDocument& document) {
  auto recorded = recorder_.record(job, document.content());
  if (!recorded.ok()) {
    spool_.discard(document);
    return server_failure(recorded.error());
  }
  if (recorded->duplicate) {
    const auto state = recorded->job.state;
    if (state == JobState::kPrinted || state == JobState::kCancelled) spool_.discard(document);
    return *recorded;
  }
  crash_point("server.job-recorded");  // durable, the submitter not yet answered
  return *recorded;
}

// Why the spooled document is no document the analysis knows, judged from its first bytes.
std::optional<std::string> JobPipeline::unrecognised_format(const JobDocument& document) const {
  const auto head = document.head(64 * 1024);
  if (head.empty()) return "The document is empty (0 bytes): there is nothing to print.";
  if (analysis::detect_format(std::span<const char>(head.data(), head.size())).format ==
      analysis::DocumentFormat::kUnknown) {
    return "The document's format is not recognised (it is not PDF, PostScript, PCL-XL, PCL 5 "
           "or plain text); print it from an application instead.";
  }
  return std::nullopt;
}

void JobPipeline::enqueue(std::string uuid) {
  {
    std::lock_guard lock(mutex_);
    work_.push_back(std::move(uuid));
  }
  work_ready_.notify_one();
}

}  // namespace printline::server
