#pragma once
// What every Printline IPP printer — a server queue or the desktop client's local printer —
// says about itself (RFC 8011 §5.4), the same way: the document formats it takes, the
// operations, charsets, languages and versions it speaks, its limits and its state. Each
// printer fills in its own name, URI, location, colour and uuid.

#include <cups/ipp.h>

#include <string>
#include <string_view>

#include "ipp/ipp_job_template.h"

namespace printline::ipp {

inline constexpr int kMaxCopies = model::kMaxCopies;  // D12's bound, as every intake
inline constexpr int kMultipleOperationTimeOut = 60;  // seconds

// requested: from ippCreateRequestedArray; null means every attribute.
bool attribute_wanted(cups_array_t* requested, const char* name);

// application/octet-stream (auto), PDF, PostScript, PCL 5, PCL-XL, plain text.
bool is_supported_document_format(std::string_view mime_type);

struct PrinterState {
  bool printing = false;
  int up_time = 1;  // seconds since the printer started
  int queued_jobs = 0;
  bool stopped = false;    // Pause-Printer: printer-state stopped, reason "paused"
  bool accepting = true;   // Disable-Printer: printer-is-accepting-jobs false
  int changed_at = 1;      // printer-state-change-time, in printer-up-time
};

ipp_pstate_t printer_state_of(const PrinterState& state);
const char* printer_state_reason_of(const PrinterState& state);  // "paused" or "none"

struct PrinterDescription {
  std::string uri;                      // printer-uri-supported
  bool tls = false;                     // uri-security-supported "tls", else "none"
  const char* authentication = "none";  // uri-authentication-supported
  std::string name;
  std::string info;
  std::string location;
  std::string make_and_model;
  std::string more_info;  // printer-more-info: a web page about the printer; empty: uri
  std::string uuid;       // printer-uuid, a urn:uuid: URI stable across restarts
  JobTemplateSupport job_template;  // colour, duplex, paper (ipp_job_template.h)
  PrinterState state;
};

// The Get-Printer-Attributes answer: printer-uri-supported … printer-uuid, and the job
// template's defaults and supported values (PWG 5100.12 §6.2, §6.3).
void add_printer_description(ipp_t* response, const PrinterDescription& printer,
                             cups_array_t* requested);

}  // namespace printline::ipp
