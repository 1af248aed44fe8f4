#pragma once
// The attributes the local IPP printer reports, as every Printline IPP printer reports them
// (ipp/ipp_job_description.h, ipp/ipp_printer_description.h): its own description, and each
// outbox job with its client JobState as an IPP job-state.

#include <cups/ipp.h>

#include <string>

#include "client/client_service.h"

namespace printline::client {

ipp_jstate_t ipp_job_state_of(JobState state);
bool ipp_job_completed(JobState state);  // completed, cancelled (Get-Jobs "completed")

struct LocalJobContext {
  std::string printer_uri;
  int job_id = 0;
  std::string owner;
  int printer_up_time = 1;
};

// requested: from ippCreateRequestedArray; null means every attribute.
void add_local_job_attributes(ipp_t* response, const JobView& job, const LocalJobContext& where,
                              cups_array_t* requested);

struct LocalPrinterContext {
  std::string uri;
  int up_time = 1;
  int queued_jobs = 0;
  bool printing = false;
};

void add_local_printer_attributes(ipp_t* response, const LocalPrinterContext& where,
                                  cups_array_t* requested);

}  // namespace printline::client
