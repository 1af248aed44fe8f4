#include "server/ipp_attributes.h"

#include <fmt/format.h>

#include "ipp/ipp_job_description.h"
#include "ipp/ipp_printer_description.h"

namespace printline::server {
namespace {

ipp_jstate_t ipp_job_state(model::JobState state) {
  switch (state) {
    case model::JobState::kPending:
      return IPP_JSTATE_PENDING;
    case model::JobState::kHeld:
      return IPP_JSTATE_HELD;
    case model::JobState::kPrinting:
      return IPP_JSTATE_PROCESSING;
    case model::JobState::kPrinted:
      return IPP_JSTATE_COMPLETED;
    case model::JobState::kFailed:
      return IPP_JSTATE_ABORTED;
    case model::JobState::kCancelled:
      return IPP_JSTATE_CANCELED;
  }
  return IPP_JSTATE_PENDING;
}

const char* job_state_reason(model::JobState state) {
  switch (state) {
    case model::JobState::kPending:
      return "job-queued";
    case model::JobState::kHeld:
      return "job-hold-until-specified";
    case model::JobState::kPrinting:
      return "job-printing";
    case model::JobState::kPrinted:
      return "job-completed-successfully";
    case model::JobState::kFailed:
      return "aborted-by-system";
    case model::JobState::kCancelled:
      return "job-canceled-by-user";
  }
  return "none";
}

int seconds_since_epoch(model::Timestamp t) {
  return static_cast<int>(t.time_since_epoch().count());
}

}  // namespace

bool is_completed(model::JobState state) {
  return state == model::JobState::kPrinted || state == model::JobState::kFailed ||
         state == model::JobState::kCancelled;
}

void add_job_attributes(ipp_t* response, const model::Job& job, const std::string& owner,
                        const JobAttributeContext& where, cups_array_t* requested) {
  ipp::JobDescription shown;
  shown.printer_uri = where.printer_uri;
  shown.job_id = where.job_id;
  shown.uuid = job.uuid;
  shown.name = job.title;
  shown.owner = owner;
  shown.state = ipp_job_state(job.state);
  shown.state_reason = job_state_reason(job.state);
  shown.state_message = job.outcome;
  shown.printer_up_time = where.printer_up_time;
  shown.created_at = seconds_since_epoch(job.submitted_at);
  if (job.printed_at) shown.completed_at = seconds_since_epoch(*job.printed_at);
  shown.impressions = job.counts.pages > 0 ? job.counts.total_pages() : 0;
  shown.copies = static_cast<int>(job.counts.copies);
  shown.duplex = job.counts.duplex;
  ipp::add_job_description(response, shown, requested);
}

void add_printer_attributes(ipp_t* response, const PrinterAttributeContext& where,
                            cups_array_t* requested) {
  ipp::PrinterDescription printer;
  printer.uri = where.uri;
  printer.tls = where.tls;
  printer.authentication = "basic";
  printer.name = where.queue.name;
  printer.info = fmt::format("Printline queue {}", where.queue.name);
  printer.location = where.location;
  printer.make_and_model = where.queue.kind == model::QueueKind::kHold ? "Printline hold queue"
                                                                       : "Printline direct queue";
  printer.color = where.color;
  // Stable per queue id, so clients can recognise the queue after a restart.
  printer.uuid = fmt::format("urn:uuid:7072696e-746c-696e-6500-{:012x}", where.queue.id);
  printer.state = {where.printing, where.up_time, where.queued_jobs};
  ipp::add_printer_description(response, printer, requested);
}

}  // namespace printline::server
