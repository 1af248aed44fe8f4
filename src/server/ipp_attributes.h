#pragma once
// The attributes a print queue reports over IPP: its printer description and its jobs.

#include <cups/ipp.h>

#include <string>
#include <string_view>

#include "model/job.h"
#include "model/print_queue.h"

namespace printline::server {

inline constexpr int kMaxCopies = 999;
inline constexpr int kMultipleOperationTimeOut = 60;  // seconds

bool is_supported_document_format(std::string_view mime_type);
bool is_completed(model::JobState state);  // printed, failed or cancelled

struct JobAttributeContext {
  std::string printer_uri;
  std::string job_uri;
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
