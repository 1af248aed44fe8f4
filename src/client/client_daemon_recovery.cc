// Crash recovery that needs no server (docs/client.md, "Crash recovery"). What needs the
// server — a job found sending-to-server — is resolved by the worker before anything else.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "client/client_daemon.h"
#include "core/logging.h"

namespace printline::client {

void ClientDaemon::recover_without_server() {
  // Documents spooled whose record never committed: the submitter was never told "accepted".
  if (const int orphans = outbox_->remove_orphan_documents(); orphans > 0) {
    spdlog::info("removed {} spool file(s) of submissions that never completed", orphans);
  }
  for (auto job : outbox_->in_state(JobState::kPrintingOnFallback)) {
    if (!job.fallback_send_started) continue;  // chosen, nothing sent yet: the worker sends it
    // Bytes may have reached the printer and the result was never recorded: it may have
    // printed. Never resend silently; ask the user.
    job.state = JobState::kWaitingForChoice;
    job.prompt = PendingPrompt::kChoosePrinter;
    job.fallback_send_started = false;
    job.hold_until_retry = true;  // not even to the server without the user's answer
    job.reason = fmt::format(
        "Printline stopped while sending this job to \"{}\": it may have printed. Check the "
        "printer, then choose a printer to print it again, retry (send it to the server), or "
        "cancel it.",
        job.printer);
    object_logger("job", job.uuid)->warn("recovered after a crash: {}", job.reason);
    (void)save(job);
  }
  for (auto job : outbox_->in_state(JobState::kSendingToServer)) {
    job.reason =
        "Printline was stopped while sending this job to the print server: it asks it whether "
        "it has the job before printing it anywhere else, as soon as the server answers.";
    object_logger("job", job.uuid)
        ->info("recovered after a crash while sending to the server: the server is asked first");
    (void)save(job);
  }
}

}  // namespace printline::client
