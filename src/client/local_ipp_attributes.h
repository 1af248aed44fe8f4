#pragma once
// The local IPP printer's jobs and itself as every Printline IPP printer describes them
// (ipp/ipp_job_description.h, ipp/ipp_printer_description.h): each outbox job with its client
// JobState as an IPP job-state, and the printer's own description.

#include <cups/ipp.h>

#include <string>

#include "client/client_service.h"
#include "ipp/ipp_job_description.h"
#include "ipp/ipp_printer_description.h"

namespace printline::client {

ipp_jstate_t ipp_job_state_of(JobState state);
bool ipp_job_completed(JobState state);  // completed, cancelled (Get-Jobs "completed")

// An outbox job as the IPP core shows it; owner is the daemon's user.
ipp::JobDescription local_job_description(const JobView& job, const std::string& owner);

struct LocalPrinterContext {
  std::string uri;
  int queued_jobs = 0;
  bool printing = false;
};

// The fallback printer is not known in advance: every option is taken, and the fallback
// delivery refuses, naming the option, what the printer it reaches cannot do (D11).
ipp::JobTemplateSupport local_job_template();
ipp::PrinterDescription local_printer_description(const LocalPrinterContext& where);

}  // namespace printline::client
