#include "ipp/ipp_job_description.h"

#include <fmt/format.h>

#include "ipp/ipp_message.h"
#include "ipp/ipp_printer_description.h"
#include "model/job_outcome.h"
#include "transport/ipp_job_ticket.h"

namespace printline::ipp {

void add_job_description(ipp_t* response, const JobDescription& job, cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_JOB;
  const auto wanted = [&](const char* name) { return attribute_wanted(requested, name); };
  const auto integer = [&](const char* name, int value) {
    if (wanted(name)) ippAddInteger(response, kGroup, IPP_TAG_INTEGER, name, value);
  };
  const auto uri = [&](const char* name, const std::string& value) {
    if (wanted(name)) ippAddString(response, kGroup, IPP_TAG_URI, name, nullptr, value.c_str());
  };
  integer("job-id", job.job_id);
  uri("job-uri", fmt::format("{}/{}", job.printer_uri, job.job_id));
  if (!job.uuid.empty()) uri("job-uuid", fmt::format("urn:uuid:{}", job.uuid));
  uri("job-printer-uri", job.printer_uri);
  if (wanted("job-name")) {
    ippAddString(response, kGroup, IPP_TAG_NAME, "job-name", nullptr,
                 job.name.empty() ? "Untitled" : job.name.c_str());
  }
  if (wanted("job-originating-user-name")) {
    ippAddString(response, kGroup, IPP_TAG_NAME, "job-originating-user-name", nullptr,
                 job.owner.empty() ? "unknown" : job.owner.c_str());
  }
  if (wanted("job-state")) ippAddInteger(response, kGroup, IPP_TAG_ENUM, "job-state", job.state);
  if (wanted("job-state-reasons")) {
    ippAddString(response, kGroup, IPP_TAG_KEYWORD, "job-state-reasons", nullptr, job.state_reason);
  }
  if (wanted("job-state-message") && !job.state_message.empty()) {
    ippAddString(response, kGroup, IPP_TAG_TEXT, "job-state-message", nullptr,
                 model::outcome_for_reader(job.state_message).c_str());
  }
  integer("job-printer-up-time", job.printer_up_time);
  integer("time-at-creation", job.created_at);
  if (wanted("time-at-processing"))
    ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-processing");
  if (wanted("time-at-completed")) {
    if (job.completed_at) {
      ippAddInteger(response, kGroup, IPP_TAG_INTEGER, "time-at-completed", *job.completed_at);
    } else {
      ippAddOutOfBand(response, kGroup, IPP_TAG_NOVALUE, "time-at-completed");
    }
  }
  if (job.impressions > 0) integer("job-impressions", static_cast<int>(job.impressions));
  if (job.k_octets) integer("job-k-octets", *job.k_octets);
  // The ticket as the job asked it, through the one codec that reads it at intake.
  integer("copies", job.ticket.copies);
  IppPtr ticket(ippNew());
  transport::add_ticket_attributes(ticket.get(), job.ticket);
  for (ipp_attribute_t* attr = ippFirstAttribute(ticket.get()); attr;
       attr = ippNextAttribute(ticket.get())) {
    const char* name = ippGetName(attr);
    if (name && std::string_view(name) != "copies" && wanted(name))
      ippCopyAttribute(response, attr, 0);
  }
  if (!job.document_format.empty() && wanted("document-format")) {
    ippAddString(response, kGroup, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 job.document_format.c_str());
  }
}

}  // namespace printline::ipp
