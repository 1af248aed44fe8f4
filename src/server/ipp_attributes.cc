#include "server/ipp_attributes.h"

#include <fmt/format.h>
#include <strings.h>

#include <array>

#include "ipp/ipp_printer_description.h"

namespace printline::server {
namespace {

bool wanted(cups_array_t* requested, const char* name) {
  return ipp::attribute_wanted(requested, name);
}

int ipp_job_state(model::JobState state) {
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

bool is_supported_document_format(std::string_view mime_type) {
  return ipp::is_supported_document_format(mime_type);
}

bool is_completed(model::JobState state) {
  return state == model::JobState::kPrinted || state == model::JobState::kFailed ||
         state == model::JobState::kCancelled;
}

void add_job_attributes(ipp_t* response, const model::Job& job, const std::string& owner,
                        const JobAttributeContext& where, cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_JOB;
  if (wanted(requested, "job-id"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-id", where.job_id);
  if (wanted(requested, "job-uri"))
    ippAddString(response, kGroup, IPP_TAG_URI, "job-uri", nullptr, where.job_uri.c_str());
  if (wanted(requested, "job-uuid")) {
    ippAddString(response, kGroup, IPP_TAG_URI, "job-uuid", nullptr,
                 fmt::format("urn:uuid:{}", job.uuid).c_str());
  }
  if (wanted(requested, "job-printer-uri")) {
    ippAddString(response, kGroup, IPP_TAG_URI, "job-printer-uri", nullptr,
                 where.printer_uri.c_str());
  }
  if (wanted(requested, "job-name")) {
    ippAddString(response, kGroup, IPP_TAG_NAME, "job-name", nullptr,
                 job.title.empty() ? "Untitled" : job.title.c_str());
  }
  if (wanted(requested, "job-originating-user-name")) {
    ippAddString(response, kGroup, IPP_TAG_NAME, "job-originating-user-name", nullptr,
                 owner.empty() ? "unknown" : owner.c_str());
  }
  if (wanted(requested, "job-state"))
    ippAddInteger(response, kGroup, IPP_TAG_ENUM, "job-state", ipp_job_state(job.state));
  if (wanted(requested, "job-state-reasons")) {
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "job-state-reasons", nullptr,
                 job_state_reason(job.state));
  }
  if (wanted(requested, "job-state-message") && !job.outcome.empty()) {
    ippAddString(response, kGroup, IPP_TAG_TEXT, "job-state-message", nullptr, job.outcome.c_str());
  }
  if (wanted(requested, "job-printer-up-time"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-printer-up-time", where.printer_up_time);
  if (wanted(requested, "time-at-creation")) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "time-at-creation",
                  seconds_since_epoch(job.submitted_at));
  }
  if (wanted(requested, "time-at-processing"))
    ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-processing");
  if (wanted(requested, "time-at-completed")) {
    if (job.printed_at) {
      ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "time-at-completed",
                    seconds_since_epoch(*job.printed_at));
    } else {
      ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-completed");
    }
  }
  if (wanted(requested, "job-impressions") && job.counts.pages > 0) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-impressions",
                  static_cast<int>(job.counts.total_pages()));
  }
  if (wanted(requested, "copies"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "copies", static_cast<int>(job.counts.copies));
  if (wanted(requested, "sides")) {
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "sides", nullptr,
                 job.counts.duplex ? "two-sided-long-edge" : "one-sided");
  }
}

void add_printer_attributes(ipp_t* response, const PrinterAttributeContext& where,
                            cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_PRINTER;
  auto keyword = [&](const char* name, const char* value) {
    if (wanted(requested, name))
      ippAddString(response, kGroup, IPP_TAG_KEYWORD, name, nullptr, value);
  };
  auto integer = [&](const char* name, int value) {
    if (wanted(requested, name)) ippAddInteger(response, kGroup, IPP_TAG_INTEGER, name, value);
  };
  if (wanted(requested, "printer-uri-supported"))
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uri-supported", nullptr,
                 where.uri.c_str());
  keyword("uri-security-supported", where.tls ? "tls" : "none");
  keyword("uri-authentication-supported", "basic");
  if (wanted(requested, "printer-name"))
    ippAddString(response, kGroup, IPP_TAG_NAME, "printer-name", nullptr, where.queue.name.c_str());
  if (wanted(requested, "printer-info")) {
    ippAddString(response, kGroup, IPP_TAG_TEXT, "printer-info", nullptr,
                 fmt::format("Printline queue {}", where.queue.name).c_str());
  }
  if (wanted(requested, "printer-location"))
    ippAddString(response, kGroup, IPP_TAG_TEXT, "printer-location", nullptr,
                 where.location.c_str());
  if (wanted(requested, "printer-make-and-model")) {
    ippAddString(response, kGroup, IPP_TAG_TEXT, "printer-make-and-model", nullptr,
                 where.queue.kind == model::QueueKind::kHold ? "Printline hold queue"
                                                             : "Printline direct queue");
  }
  ipp::add_common_printer_attributes(response, requested,
                                     {where.printing, where.up_time, where.queued_jobs});
  if (wanted(requested, "color-supported"))
    ippAddBoolean(response, kGroup, "color-supported", where.color ? 1 : 0);
  integer("copies-default", 1);
  if (wanted(requested, "copies-supported"))
    ippAddRange(response, kGroup, "copies-supported", 1, kMaxCopies);
  keyword("sides-default", "one-sided");
  if (wanted(requested, "sides-supported")) {
    const char* sides[] = {"one-sided", "two-sided-long-edge", "two-sided-short-edge"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "sides-supported", 3, nullptr, sides);
  }
  if (wanted(requested, "multiple-document-jobs-supported"))
    ippAddBoolean(response, kGroup, "multiple-document-jobs-supported", 0);
  integer("multiple-operation-time-out", kMultipleOperationTimeOut);
  if (wanted(requested, "job-ids-supported"))
    ippAddBoolean(response, kGroup, "job-ids-supported", 1);
  if (wanted(requested, "which-jobs-supported")) {
    const char* which[] = {"completed", "not-completed", "all"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "which-jobs-supported", 3, nullptr, which);
  }
  if (wanted(requested, "printer-uuid")) {
    // Stable per queue id, so clients can recognise the queue after a restart.
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uuid", nullptr,
                 fmt::format("urn:uuid:7072696e-746c-696e-6500-{:012x}", where.queue.id).c_str());
  }
}

}  // namespace printline::server
