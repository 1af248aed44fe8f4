// Crash recovery that needs no server (docs/client.md, "Crash recovery").

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "client/client_daemon.h"
#include "client/fallback_printing.h"
#include "core/i18n.h"
#include "core/logging.h"
#include "transport/ipp_job_lookup.h"

namespace printline::client {

void ClientDaemon::recover_without_server() {
  // Documents spooled whose record never committed: the submitter was never told "accepted".
  if (const int orphans = outbox_->remove_orphan_documents(); orphans > 0) {
    spdlog::info("removed {} spool file(s) of submissions that never completed", orphans);
  }
  for (auto job : outbox_->in_state(JobState::kPrintingOnFallback)) {
    if (!job.fallback_send_started) continue;  // chosen, nothing sent yet: the worker sends it
    // Bytes may have reached the printer and the result was never recorded: it may have
    // printed. An IPP printer's own job list may say (transport/ipp_job_lookup.h).
    transport::JobToLookUp wanted{job.uuid, user_login(),
                                  job.title.empty() ? "Printline job" : job.title,
                                  std::max(std::chrono::seconds(0),
                                           model::now_seconds() - job.received_at)};
    const auto said = transport::look_up_job(job.target_uri, wanted, link_.trust());
    object_logger("job", job.uuid)->info("looked up on \"{}\": {}", job.printer, said.detail);
    if (said.found == transport::JobAtPrinter::kTaken) {
      job.printed_offline(trf(
          "Printed on \"{printer}\" while the print server was offline (Printline stopped "
          "while sending it, and {detail}); it is accounted when the server is back.",
          fmt::arg("printer", job.printer), fmt::arg("detail", said.detail)));
      object_logger("job", job.uuid)->info("recovered after a crash: {}", job.reason);
      (void)save(job);
      continue;
    }
    if (said.found == transport::JobAtPrinter::kAbsent) {
      job.fallback_send_started = false;  // the worker sends it again
      job.reason = trf(
          "Printline stopped while sending this job to \"{printer}\", before the printer got "
          "it; it is printed again.",
          fmt::arg("printer", job.printer));
      object_logger("job", job.uuid)->info("recovered after a crash: {}", job.reason);
      (void)save(job);
      continue;
    }
    // Never resend silently what may have printed; ask the user.
    job.state = JobState::kWaitingForChoice;
    job.prompt = PendingPrompt::kChoosePrinter;
    job.fallback_send_started = false;
    job.hold_until_retry = true;  // not even to the server without the user's answer
    job.reason = may_have_printed_message(job.printer);
    object_logger("job", job.uuid)->warn("recovered after a crash: {}", job.reason);
    (void)save(job);
  }
  // D10: the server keeps what this client sent uncommitted until the client commits it, so
  // a job interrupted while being sent is simply routed again: sent again under its UUID (the
  // server's copy is the same job) and committed, or printed on a fallback printer, whose
  // report cancels the server's copy.
  for (auto job : outbox_->in_state(JobState::kSendingToServer)) {
    job.state = JobState::kReceived;
    job.reason = tr("Printline was stopped while sending this job to the print server: it is "
                    "sent again.");
    object_logger("job", job.uuid)
        ->info("recovered after a crash while sending to the server: routed again");
    (void)save(job);
  }
}

}  // namespace printline::client
