#include "client/local_ipp_attributes.h"

#include <fmt/format.h>
#include <strings.h>
#include <unistd.h>

#include <array>
#include <cstring>

#include "ipp/ipp_printer_description.h"

namespace printline::client {

namespace {

bool wanted(cups_array_t* requested, const char* name) {
  return ipp::attribute_wanted(requested, name);
}

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

bool local_ipp_supports_format(std::string_view mime_type) {
  return ipp::is_supported_document_format(mime_type);
}

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

void add_local_job_attributes(ipp_t* response, const JobView& job, const LocalJobContext& where,
                              cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_JOB;
  const std::string job_uri = fmt::format("{}/{}", where.printer_uri, where.job_id);
  if (wanted(requested, "job-id"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-id", where.job_id);
  if (wanted(requested, "job-uri"))
    ippAddString(response, kGroup, IPP_TAG_URI, "job-uri", nullptr, job_uri.c_str());
  if (wanted(requested, "job-uuid") && !job.uuid.empty()) {
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
                 where.owner.empty() ? "unknown" : where.owner.c_str());
  }
  if (wanted(requested, "job-state"))
    ippAddInteger(response, kGroup, IPP_TAG_ENUM, "job-state", ipp_job_state_of(job.state));
  if (wanted(requested, "job-state-reasons")) {
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "job-state-reasons", nullptr,
                 job_state_reason(job.state));
  }
  if (wanted(requested, "job-state-message") && !job.reason.empty()) {
    ippAddString(response, kGroup, IPP_TAG_TEXT, "job-state-message", nullptr, job.reason.c_str());
  }
  if (wanted(requested, "job-printer-up-time"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-printer-up-time", where.printer_up_time);
  if (wanted(requested, "time-at-creation")) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "time-at-creation",
                  seconds_since_epoch(job.received_at));
  }
  if (wanted(requested, "time-at-processing"))
    ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-processing");
  if (wanted(requested, "time-at-completed")) {
    if (ipp_job_completed(job.state)) {
      ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "time-at-completed",
                    seconds_since_epoch(job.printed_at.value_or(job.updated_at)));
    } else {
      ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-completed");
    }
  }
  if (wanted(requested, "job-impressions") && job.counts && job.counts->pages > 0) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-impressions",
                  static_cast<int>(job.counts->total_pages()));
  }
  if (wanted(requested, "job-k-octets")) {
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "job-k-octets",
                  static_cast<int>((job.size_bytes + 1023) / 1024));
  }
  if (wanted(requested, "copies"))
    ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "copies", job.copies);
  if (wanted(requested, "document-format") && !job.document_format.empty()) {
    ippAddString(response, kGroup, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 job.document_format.c_str());
  }
}

void add_local_printer_attributes(ipp_t* response, const LocalPrinterContext& where,
                                  cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_PRINTER;
  auto keyword = [&](const char* name, const char* value) {
    if (wanted(requested, name))
      ippAddString(response, kGroup, IPP_TAG_KEYWORD, name, nullptr, value);
  };
  auto integer = [&](const char* name, int value) {
    if (wanted(requested, name)) ippAddInteger(response, kGroup, IPP_TAG_INTEGER, name, value);
  };
  auto text = [&](const char* name, const char* value) {
    if (wanted(requested, name)) ippAddString(response, kGroup, IPP_TAG_TEXT, name, nullptr, value);
  };
  if (wanted(requested, "printer-uri-supported"))
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uri-supported", nullptr,
                 where.uri.c_str());
  keyword("uri-security-supported", "none");
  keyword("uri-authentication-supported", "none");
  if (wanted(requested, "printer-name"))
    ippAddString(response, kGroup, IPP_TAG_NAME, "printer-name", nullptr, "Printline");
  text("printer-info", "Printline desktop client: prints through the server, or on a fallback "
                       "printer when the server is down");
  text("printer-location", "");
  text("printer-make-and-model", "Printline desktop client");
  ipp::add_common_printer_attributes(response, requested,
                                     {where.printing, where.up_time, where.queued_jobs});
  // The fallback printer is not known in advance; colour documents are accepted.
  if (wanted(requested, "color-supported")) ippAddBoolean(response, kGroup, "color-supported", 1);
  integer("copies-default", 1);
  if (wanted(requested, "copies-supported"))
    ippAddRange(response, kGroup, "copies-supported", 1, kLocalMaxCopies);
  keyword("sides-default", "one-sided");
  if (wanted(requested, "sides-supported")) {
    const char* sides[] = {"one-sided", "two-sided-long-edge", "two-sided-short-edge"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "sides-supported", 3, nullptr, sides);
  }
  if (wanted(requested, "multiple-document-jobs-supported"))
    ippAddBoolean(response, kGroup, "multiple-document-jobs-supported", 0);
  integer("multiple-operation-time-out", kLocalMultipleOperationTimeOut);
  if (wanted(requested, "job-ids-supported"))
    ippAddBoolean(response, kGroup, "job-ids-supported", 1);
  if (wanted(requested, "which-jobs-supported")) {
    const char* which[] = {"completed", "not-completed", "all"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "which-jobs-supported", 3, nullptr, which);
  }
  if (wanted(requested, "printer-uuid")) {
    // Stable per user, so the OS spooler recognises the printer after a restart.
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uuid", nullptr,
                 fmt::format("urn:uuid:7072696e-746c-696e-6563-{:012x}",
                             static_cast<unsigned>(::getuid()))
                     .c_str());
  }
}

}  // namespace printline::client
