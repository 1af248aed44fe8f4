#include "server/ipp_attributes.h"

#include "model/printer_capabilities.h"

#include <algorithm>

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

ipp::JobDescription job_description(const model::Job& job, const std::string& owner) {
  ipp::JobDescription shown;
  // Database ids beyond an IPP integer are not expected; such a job gets an id of the core's.
  shown.number = job.id > 0 && job.id < (1 << 30) ? static_cast<int>(job.id) : 0;
  shown.uuid = job.uuid;
  shown.name = job.title;
  shown.owner = owner;
  shown.state = ipp_job_state(job.state);
  shown.state_reason = job_state_reason(job.state);
  shown.state_message = job.outcome;
  shown.created_at = seconds_since_epoch(job.submitted_at);
  if (job.printed_at) shown.completed_at = seconds_since_epoch(*job.printed_at);
  shown.impressions = job.counts.pages > 0 ? job.counts.total_pages() : 0;
  shown.ticket = job.ticket;
  shown.document_format = job.document_format;
  shown.held_by_pause = job.held_by_pause && job.state == model::JobState::kHeld;
  return shown;
}

ipp::JobTemplateSupport queue_job_template(const std::optional<model::Printer>& printer) {
  ipp::JobTemplateSupport support;
  if (!printer) return support;
  support.color = printer->color;
  support.duplex = printer->duplex;
  for (const auto& name : ipp::every_media_size()) {
    auto paper = model::paper_from_media_name(name);
    if (!paper) continue;
    const bool listed = model::takes_paper(*printer, *paper);
    if (listed) support.media.push_back(name);
  }
  if (support.media.empty()) support.media.emplace_back(model::media_keyword(printer->largest_paper));
  if (std::find(support.media.begin(), support.media.end(), support.media_default) ==
      support.media.end())
    support.media_default = support.media.front();
  return support;
}

}  // namespace printline::server
