#pragma once
// What a job operation asks of a Printline IPP printer, read and checked the same way by a
// server queue and by the desktop client's local printer: the job template of Print-Job,
// Validate-Job and Create-Job, the job a Cancel-Job or Get-Job-Attributes names, and the
// jobs a Get-Jobs wants. Each side then acts on its own jobs.

#include <cups/ipp.h>

#include <optional>
#include <string>

#include "ipp/ipp_call.h"
#include "ipp/ipp_requested_attributes.h"

namespace printline::ipp {

// The job-uuid (without "urn:uuid:"), title (job-name, else document-name) and
// document-format of a Print-Job or Create-Job request.
struct IppJobNames {
  std::string uuid;
  std::string title;
  std::string document_format;
};
IppJobNames read_job_names(ipp_t* request);

// compression "none", a supported document-format and a job-uuid that is a urn:uuid: URI;
// false with the status set (what is wrong and what to send instead). The job template
// itself is ipp_job_template.h's.
bool check_job_operation(IppCall& call);
// A Send-Document's document-format; false with the status set.
bool check_document_format(IppCall& call, const char* format);

// job-id, else the last path segment of job-uri; 0 when neither.
int requested_job_id(ipp_t* request);

enum class WhichJobs { kNotCompleted, kCompleted, kAll };

struct GetJobsRequest {
  WhichJobs which = WhichJobs::kNotCompleted;
  int limit = 1000;
  bool my_jobs = false;
  RequestedAttributes requested;

  bool wants(bool completed) const {
    return which == WhichJobs::kAll || completed == (which == WhichJobs::kCompleted);
  }
};
// Null with the status set when which-jobs is not one this printer knows.
std::optional<GetJobsRequest> read_get_jobs_request(IppCall& call);

}  // namespace printline::ipp
