// What the daemon does on every heartbeat: when the server answers, upload the jobs printed
// offline (FP-1, D6), report how many are still not accounted (the dashboard's "awaiting
// upload"), warn the user of their held server jobs about to expire (the report's answer),
// and wake the worker so jobs waiting for the server go to it (D3).

#include <spdlog/spdlog.h>
#include <time.h>

#include "client/accounting_uploader.h"
#include "client/client_daemon.h"
#include "core/i18n.h"

namespace printline::client {
namespace {

// "17:05": the workstation's local time of an ISO 8601 UTC instant (the answer checked it).
std::string local_time_of_day(const std::string& iso) {
  const auto at = model::parse_timestamp(iso);
  if (!at) return iso;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(*at);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[16];
  return std::strftime(text, sizeof text, "%H:%M", &local) ? text : iso;
}

}  // namespace

void ClientDaemon::warn_of_expiring_held_jobs(const api_client::ClientReportAnswer& answer) {
  for (const auto& job : answer.held_jobs_expiring) {
    if (!expiry_warned_.insert(job.uuid).second) continue;  // once per job and run
    const auto message =
        trf("Your print job \"{title}\" held on {queue} will be deleted at {time} unless you "
            "release it at a printer.",
            fmt::arg("title", job.title), fmt::arg("queue", job.queue),
            fmt::arg("time", local_time_of_day(job.expires_at)));
    spdlog::info("notification: held job {} expires at {}", job.uuid, job.expires_at);
    ClientEvent event;
    event.kind = ClientEvent::Kind::kNotification;
    event.title = tr("Held print job about to expire");
    event.message = message;
    events_->emit(event);
  }
}

void ClientDaemon::on_beat(bool online, bool changed) {
  (void)changed;
  apply_waiting_retention();  // with or without a server: jobs wait while it is away
  if (!online) return;
  const auto now = UploadBackoff::Clock::now();
  if (!cache_.token().empty() && !upload_backoff_.may_upload(now)) {
    // The server said it was busy: the upload waits for its back-off, the heartbeat goes on.
    link_.beat_after(
        std::chrono::duration_cast<std::chrono::milliseconds>(upload_backoff_.not_before() - now));
  } else if (!cache_.token().empty()) {
    const bool include_rejected = !uploaded_rejected_once_.exchange(true);
    auto summary = upload_printed_offline(*outbox_, *link_.api(), include_rejected,
                                          [this](const OutboxJob& job) { emit_job(job); });
    if (summary.accounted > 0 || summary.rejected > 0) {
      spdlog::info("accounting upload: {} accounted, {} refused by the server", summary.accounted,
                   summary.rejected);
    }
    if (summary.busy) {
      const auto wait = upload_backoff_.refused(summary.retry_after_s, now);
      spdlog::info("accounting upload: the server is busy ({}); next try in {} ms", summary.error,
                   wait.count());
      link_.beat_after(wait);
    } else if (!summary.unreachable) {
      upload_backoff_.succeeded();
    }
    if (summary.unreachable) link_.record_failure(summary.error);
    if (reporter_ && !summary.unreachable && !summary.busy) {
      const auto answer = reporter_->report(
          *link_.api(),
          static_cast<std::int64_t>(outbox_->in_state(JobState::kPrintedOffline).size()));
      if (answer) warn_of_expiring_held_jobs(*answer);
    }
  }
  wake_worker();
}

}  // namespace printline::client
