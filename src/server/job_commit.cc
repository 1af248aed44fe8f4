// D10, two-phase submission (job_pipeline.h): a desktop client's job is recorded awaiting its
// client's commit and printed only once committed by UUID (POST /api/v1/jobs/<uuid>/commit).
// A client that got no answer in time prints the job on a fallback printer instead and never
// commits it; its fallback report then cancels this copy (store/store.h), and a copy nobody
// commits is cancelled unprinted after uncommitted_job_expiry_seconds. A commit a run recorded
// just before it died may never have been answered, and its client fell back: the next start
// waits report_grace() before printing the committed jobs it finds (job_recovery.cc), so the
// client's fallback report comes first and cancels them.

#include <fmt/format.h>

#include <algorithm>

#include "core/crash_point.h"
#include "core/logging.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"

namespace printline::server {

using model::Job;
using model::JobState;

namespace {

constexpr std::string_view kExpiredReason =
    "Cancelled unprinted: the desktop client that sent it never confirmed it (it printed the job "
    "on a fallback printer, or was stopped). Print the document again if it is still needed.";

}  // namespace

JobResult<Job> JobPipeline::commit(std::string_view uuid, const model::User& by) {
  UuidClaim claim(*this, claimed_, claims_done_, std::string(uuid));  // not mid-submission
  auto found = store_.find_job(uuid);
  if (!found.ok()) return server_failure(found.error());
  if (!*found || ((*found)->owner_id != by.id && by.role != model::Role::kAdmin)) {
    return job_not_found(uuid);
  }
  // Committed before, cancelled, expired, or replaced by the client's fallback print: the
  // answer is the job as it is, and nothing changes.
  if (!(*found)->awaiting_commit) return **found;
  if ((*found)->commit_before && model::now_seconds() >= *(*found)->commit_before) {
    // Its client stopped waiting for this answer by now and may have printed the job on a
    // fallback printer: printing it here could print it twice.
    object_logger("job", uuid)->warn("commit refused: it came after the client's answer timeout");
    return JobError{JobErrorKind::kNotPossible,
                    fmt::format("Job {} was confirmed too late: its desktop client may have "
                                "printed it elsewhere meanwhile. Send it again to print it here.",
                                uuid)};
  }
  bool hold_queue = false;
  bool paused = false;  // the job enters its queue now: a paused queue holds it
  if ((*found)->queue_id) {
    auto queue = find_queue_by_id(store_, *(*found)->queue_id);
    if (!queue.ok()) return server_failure(queue.error());
    hold_queue = *queue && (*queue)->kind == model::QueueKind::kHold;
    paused = *queue && !hold_queue && (*queue)->control.paused;
  }
  const JobState committed_state = hold_queue || paused ? JobState::kHeld : JobState::kPending;
  const std::string outcome = hold_queue ? held_for_release_outcome()
                              : paused   ? model::paused_hold_reason()
                                         : waiting_for_printer_outcome();
  auto committed = store_.commit_job(uuid, committed_state, outcome, paused);
  if (!committed.ok()) return server_failure(committed.error());
  if (!*committed) return job_not_found(uuid);
  crash_point("server.job-committed");  // committed, the client not yet answered
  object_logger("job", uuid)->info("committed by its client ({})", by.login);
  if ((*committed)->state == JobState::kPending) {
    const auto& deadline = (*committed)->commit_before;
    if (!deadline || model::now_seconds() < *deadline) {
      enqueue(std::string(uuid));
    } else {
      // The deadline passed while committing (this server was frozen, or its database locked):
      // the client may have stopped waiting and printed elsewhere, so its report goes first.
      const auto grace_ends = std::chrono::steady_clock::now() + report_grace();
      {
        std::lock_guard lock(mutex_);
        queue_after_grace(std::string(uuid), grace_ends);
      }
      work_ready_.notify_all();
    }
  }
  return **committed;
}

// The client gives up on an answer its answer timeout after it sent the commit, which is after
// this moment: a commit taken before it is one the client still waits for. Seconds are cut
// down, so the server's window is the shorter one.
model::Timestamp JobPipeline::commit_deadline(const model::User& owner) {
  std::chrono::seconds timeout = model::ClientProfile{}.answer_timeout;
  if (auto profile = store_.profile_for(owner.login); profile.ok() && *profile)
    timeout = (*profile)->answer_timeout;
  return model::now_seconds() + timeout;
}

// How often uncommitted jobs are looked for: a fifth of their expiry, between 1 s and 1 min.
std::chrono::seconds JobPipeline::commit_sweep_interval() const {
  return std::chrono::seconds(
      std::clamp<std::int64_t>(config_.uncommitted_job_expiry_seconds / 5, 1, 60));
}

// Long enough for a desktop client that printed on a fallback printer while this server was
// away to report it once the server is back: it reports on its first heartbeat that gets an
// answer (two intervals, for one that fails on the way) after waiting its answer timeout.
std::chrono::seconds JobPipeline::report_grace() {
  auto profiles = store_.list_profiles();
  if (!profiles.ok() || profiles->empty()) profiles = std::vector{model::ClientProfile{}};
  std::chrono::seconds heartbeat{0}, answer{0};
  for (const auto& profile : *profiles) {
    heartbeat = std::max(heartbeat, profile.heartbeat_interval);
    answer = std::max(answer, profile.answer_timeout);
  }
  return std::clamp<std::chrono::seconds>(2 * heartbeat + answer, std::chrono::seconds(5),
                                          std::chrono::minutes(5));
}

void JobPipeline::queue_after_grace(std::string uuid,
                                    std::chrono::steady_clock::time_point grace_ends) {
  object_logger("job", uuid)
      ->info("queued to print in {} s, unless its desktop client reports it printed on a "
             "fallback printer meanwhile",
             std::chrono::ceil<std::chrono::seconds>(grace_ends -
                                                     std::chrono::steady_clock::now())
                 .count());
  in_grace_.emplace_back(grace_ends, std::move(uuid));
}

std::optional<std::chrono::steady_clock::time_point> JobPipeline::end_graces() {
  std::optional<std::chrono::steady_clock::time_point> next;
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(in_grace_, [&](auto& graced) {
    if (graced.first > now) {
      next = next ? std::min(*next, graced.first) : graced.first;
      return false;
    }
    work_.push_back(std::move(graced.second));
    return true;
  });
  return next;
}

void JobPipeline::expire_uncommitted() {
  // Counted from the commit deadline: the last moment a client could still have committed it.
  const auto before =
      model::now_seconds() - std::chrono::seconds(config_.uncommitted_job_expiry_seconds);
  auto expired = store_.expire_uncommitted_jobs(before, kExpiredReason);
  if (!expired.ok()) {
    object_logger("jobs", "uncommitted")
        ->error("cannot expire uncommitted jobs: {}", expired.error().message);
    return;
  }
  for (const auto& uuid : *expired) {
    spool_.remove(uuid);
    object_logger("job", uuid)
        ->info("expired unprinted: its desktop client did not commit it within {} s",
               config_.uncommitted_job_expiry_seconds);
  }
}

}  // namespace printline::server
