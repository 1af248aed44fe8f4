#include "client/local_ipp_attributes.h"

#include <fmt/format.h>
#include <unistd.h>

#include "ipp/ipp_job_description.h"
#include "ipp/ipp_printer_description.h"

namespace printline::client {

namespace {

const char* job_state_reason(JobState state) {
  switch (state) {
    case JobState::kReceived:
      return "job-queued";
    case JobState::kSendingToServer:
    case JobState::kPrintingOnFallback:
      return "job-printing";
    case JobState::kAtServer:
    case JobState::kPrintedOffline:
    case JobState::kAccounted:
      return "job-completed-successfully";
    case JobState::kWaitingForChoice:
    case JobState::kWaitingForServer:
    case JobState::kHeldForCredit:
    case JobState::kRejectedByDevice:
      return "job-hold-until-specified";
    case JobState::kCancelled:
      return "job-canceled-by-user";
  }
  return "none";
}

int seconds_since_epoch(model::Timestamp t) {
  return static_cast<int>(t.time_since_epoch().count());
}

}  // namespace

ipp_jstate_t ipp_job_state_of(JobState state) {
  switch (state) {
    case JobState::kReceived:
      return IPP_JSTATE_PENDING;
    case JobState::kSendingToServer:
    case JobState::kPrintingOnFallback:
      return IPP_JSTATE_PROCESSING;
    // Handed over to the server, or printed on a fallback printer: done for this printer.
    case JobState::kAtServer:
    case JobState::kPrintedOffline:
    case JobState::kAccounted:
      return IPP_JSTATE_COMPLETED;
    // Waiting for the user (choice, retry, credit, another printer): held, as IPP means it.
    case JobState::kWaitingForChoice:
    case JobState::kWaitingForServer:
    case JobState::kHeldForCredit:
    case JobState::kRejectedByDevice:
      return IPP_JSTATE_HELD;
    case JobState::kCancelled:
      return IPP_JSTATE_CANCELED;
  }
  return IPP_JSTATE_PENDING;
}

bool ipp_job_completed(JobState state) { return ipp_job_state_of(state) >= IPP_JSTATE_CANCELED; }

ipp::JobDescription local_job_description(const JobView& job, const std::string& owner) {
  ipp::JobDescription shown;
  shown.uuid = job.uuid;
  shown.name = job.title;
  shown.owner = owner;
  shown.state = ipp_job_state_of(job.state);
  shown.state_reason = job_state_reason(job.state);
  shown.state_message = job.reason;
  shown.created_at = seconds_since_epoch(job.received_at);
  if (ipp_job_completed(job.state)) {
    shown.completed_at = seconds_since_epoch(job.printed_at.value_or(job.updated_at));
  }
  shown.impressions = job.counts && job.counts->pages > 0 ? job.counts->total_pages() : 0;
  shown.k_octets = static_cast<int>((job.size_bytes + 1023) / 1024);
  shown.ticket = job.ticket;
  shown.ticket.copies = job.copies;  // the outbox's own count, whatever kept the ticket
  shown.document_format = job.document_format;
  return shown;
}

ipp::JobTemplateSupport local_job_template() { return ipp::JobTemplateSupport{}; }

ipp::PrinterDescription local_printer_description(const LocalPrinterContext& where) {
  ipp::PrinterDescription printer;
  printer.uri = where.uri;
  printer.name = "Printline";
  printer.info =
      "Printline desktop client: prints through the server, or on a fallback printer when the "
      "server is down";
  printer.make_and_model = "Printline desktop client";
  printer.job_template = local_job_template();
  // Stable per user, so the OS spooler recognises the printer after a restart.
  printer.uuid =
      fmt::format("urn:uuid:7072696e-746c-696e-6563-{:012x}", static_cast<unsigned>(::getuid()));
  printer.state = {where.printing, 1, where.queued_jobs};
  return printer;
}

}  // namespace printline::client
