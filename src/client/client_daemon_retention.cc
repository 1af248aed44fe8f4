// The profile's "keep waiting jobs N days" (docs/client.md, "Retention"): a job that has
// waited in the outbox that long — for the user's choice of printer, for a server, for
// credit, or for another printer after one refused it — is dropped, its document deleted.
// The user is told a day before (once per run of the daemon) and again when it is dropped,
// so nothing disappears unannounced. Runs at every heartbeat, with or without a server: a
// job waits precisely while the server is away.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "client/client_daemon.h"
#include "core/i18n.h"
#include "core/logging.h"

namespace printline::client {
namespace {

constexpr JobState kWaitingStates[] = {JobState::kWaitingForChoice, JobState::kWaitingForServer,
                                       JobState::kHeldForCredit, JobState::kRejectedByDevice};
constexpr auto kWarnAhead = std::chrono::hours(24);

}  // namespace

WaitingRetention waiting_retention(const OutboxJob& job, int keep_waiting_days,
                                   model::Timestamp now) {
  const std::chrono::seconds keep = std::chrono::days(keep_waiting_days);
  const auto waited = now - job.received_at;
  if (waited >= keep) return WaitingRetention::kDrop;
  if (waited >= keep - std::min<std::chrono::seconds>(kWarnAhead, keep / 2)) {
    return WaitingRetention::kWarn;
  }
  return WaitingRetention::kKeep;
}

void ClientDaemon::apply_waiting_retention() {
  const auto cached = cache_.snapshot().profile;
  if (!cached) return;  // no profile yet: nobody said how long to keep
  const int days = cached->profile.fallback.keep_waiting_days;
  const auto now = model::now_seconds();
  for (const auto state : kWaitingStates) {
    for (const auto& waiting : outbox_->in_state(state)) {
      const auto decision = waiting_retention(waiting, days, now);
      if (decision == WaitingRetention::kKeep) continue;
      if (decision == WaitingRetention::kWarn) {
        std::lock_guard lock(jobs_mutex_);
        if (!retention_warned_.insert(waiting.uuid).second) continue;
        notify(waiting, tr("Print job waiting too long"),
               trnf("\"{title}\" has waited almost {count} day and will be deleted within a "
                    "day. Choose a printer or cancel it.",
                    "\"{title}\" has waited almost {count} days and will be deleted within a "
                    "day. Choose a printer or cancel it.",
                    static_cast<unsigned long>(days), fmt::arg("title", waiting.title)));
        continue;
      }
      drop_waited_too_long(waiting.uuid, days);
    }
  }
}

void ClientDaemon::drop_waited_too_long(const std::string& uuid, int days) {
  std::unique_lock lock(jobs_mutex_);
  auto found = find_when_idle(lock, uuid);
  if (!found.ok()) return;
  OutboxJob job = *found;
  // Moved on meanwhile (chosen, sent, cancelled) or being acted on: not waiting any more.
  if (job.uuid == busy_uuid_ || std::find(std::begin(kWaitingStates), std::end(kWaitingStates),
                                          job.state) == std::end(kWaitingStates)) {
    return;
  }
  const std::string message =
      trnf("\"{title}\" waited {count} day without being printed and was deleted. Print it "
           "again if you still need it.",
           "\"{title}\" waited {count} days without being printed and was deleted. Print it "
           "again if you still need it.",
           static_cast<unsigned long>(days), fmt::arg("title", job.title));
  notify(job, tr("Print job deleted"), message);  // told first, then dropped
  const bool had_prompt = job.prompt != PendingPrompt::kNone;
  job.state = JobState::kCancelled;
  job.prompt = PendingPrompt::kNone;
  job.reason = message;
  auto saved = save(job);
  if (!saved.ok()) return;  // the outbox refuses writes: the next heartbeat tries again
  if (auto removed = outbox_->remove_document(job.uuid); !removed.ok()) {
    spdlog::warn("{}", removed.error().message);
  }
  retention_warned_.erase(job.uuid);
  object_logger("job", job.uuid)->info("dropped: waited longer than {} days", days);
  if (had_prompt) withdraw_prompt(*saved, tr("The job waited too long and was deleted."));
  emit_job(*saved);
}

}  // namespace printline::client
