#pragma once
// A print queue over IPP: its jobs and itself described as every Printline IPP printer
// describes them (ipp/ipp_job_description.h, ipp/ipp_printer_description.h), from the
// server's model.

#include <cups/ipp.h>

#include <string>

#include "model/job.h"
#include "model/print_queue.h"

namespace printline::server {

bool is_completed(model::JobState state);  // printed, failed or cancelled

struct JobAttributeContext {
  std::string printer_uri;
  int job_id = 0;
  int printer_up_time = 1;
};

// requested: from ippCreateRequestedArray; null means every attribute.
void add_job_attributes(ipp_t* response, const model::Job& job, const std::string& owner,
                        const JobAttributeContext& where, cups_array_t* requested);

struct PrinterAttributeContext {
  std::string uri;
  bool tls = false;
  model::PrintQueue queue;
  bool color = true;
  std::string location;
  int up_time = 1;
  int queued_jobs = 0;
  bool printing = false;
};

void add_printer_attributes(ipp_t* response, const PrinterAttributeContext& where,
                            cups_array_t* requested);

}  // namespace printline::server
