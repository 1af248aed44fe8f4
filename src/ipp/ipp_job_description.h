#pragma once
// What a Printline IPP printer says about one job (RFC 8011 §5.3), the same way for a server
// queue's jobs and the desktop client's: each backend (ipp_printer_backend.h) maps its own job
// and state to this; the core (ipp_printer.h) fills in the printer's URI, the IPP job-id and
// the printer's up time.

#include <cups/ipp.h>

#include <cstdint>
#include <optional>
#include <string>

#include "model/job_ticket.h"

namespace printline::ipp {

struct JobDescription {
  std::string printer_uri;  // job-uri is <printer_uri>/<job_id>; set by the core
  int job_id = 0;           // set by the core (ipp_job_ids.h)
  // The backend's own stable number for the job (the server's database id), used as its
  // job-id; 0: none, the core gives the job an id of its own.
  int number = 0;
  std::string uuid;   // without "urn:uuid:"; empty: no job-uuid
  std::string name;   // empty: "Untitled"
  std::string owner;  // job-originating-user-name; empty: "unknown"
  ipp_jstate_t state = IPP_JSTATE_PENDING;
  const char* state_reason = "none";
  std::string state_message;  // empty: no job-state-message
  int printer_up_time = 1;
  int created_at = 0;               // seconds since the epoch
  std::optional<int> completed_at;  // none: time-at-completed is no-value
  std::int64_t impressions = 0;     // 0: not known yet, left out
  std::optional<int> k_octets;      // none: left out
  model::JobTicket ticket;       // reported as the job's template attributes (copies, sides, …)
  std::string document_format;  // empty: left out
  bool held_by_pause = false;   // held because the printer is paused: Resume-Printer releases it
};

// requested: from ippCreateRequestedArray; null means every attribute.
void add_job_description(ipp_t* response, const JobDescription& job, cups_array_t* requested);

}  // namespace printline::ipp
