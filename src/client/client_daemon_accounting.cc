// What the daemon does on every heartbeat: when the server answers, upload the jobs printed
// offline (FP-1, D6), report how many are still not accounted (the dashboard's "awaiting
// upload"), and wake the worker so jobs waiting for the server go to it (D3).

#include <spdlog/spdlog.h>

#include "client/accounting_uploader.h"
#include "client/client_daemon.h"

namespace printline::client {

void ClientDaemon::on_beat(bool online, bool changed) {
  (void)changed;
  apply_waiting_retention();  // with or without a server: jobs wait while it is away
  if (!online) return;
  const auto now = UploadBackoff::Clock::now();
  if (!cache_.token().empty() && !upload_backoff_.may_upload(now)) {
    // The server said it was busy: the upload waits for its back-off, the heartbeat goes on.
    link_.beat_after(std::chrono::duration_cast<std::chrono::milliseconds>(
        upload_backoff_.not_before() - now));
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
      reporter_->report(*link_.api(),
                        static_cast<std::int64_t>(outbox_->in_state(JobState::kPrintedOffline).size()));
    }
  }
  wake_worker();
}

}  // namespace printline::client
