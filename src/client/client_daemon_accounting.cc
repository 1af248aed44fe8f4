// What the daemon does on every heartbeat: when the server answers, upload the jobs printed
// offline (FP-1, D6), report how many are still not accounted (the dashboard's "awaiting
// upload"), and wake the worker so jobs waiting for the server go to it (D3).

#include <spdlog/spdlog.h>

#include "client/accounting_uploader.h"
#include "client/client_daemon.h"

namespace printline::client {

void ClientDaemon::on_beat(bool online, bool changed) {
  (void)changed;
  if (!online) return;
  if (!cache_.token().empty()) {
    const bool include_rejected = !uploaded_rejected_once_.exchange(true);
    auto summary = upload_printed_offline(*outbox_, *link_.api(), include_rejected,
                                          [this](const OutboxJob& job) { emit_job(job); });
    if (summary.accounted > 0 || summary.rejected > 0) {
      spdlog::info("accounting upload: {} accounted, {} refused by the server", summary.accounted,
                   summary.rejected);
    }
    if (summary.unreachable) link_.record_failure(summary.error);
    if (reporter_ && !summary.unreachable) {
      reporter_->report(*link_.api(),
                        static_cast<std::int64_t>(outbox_->in_state(JobState::kPrintedOffline).size()));
    }
  }
  wake_worker();
}

}  // namespace printline::client
