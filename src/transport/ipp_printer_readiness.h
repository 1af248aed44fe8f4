#pragma once
// Whether an IPP printer can print now, from Get-Printer-Attributes' printer-state and
// printer-state-reasons (RFC 8011 §5.4.11, §5.4.12): a stopped printer, or one with a reason of
// error severity (media-empty, door-open, offline, paused…; a reason without a severity suffix
// is an error), cannot. "-warning" and "-report" reasons (toner-low-warning) do not stop it.

#include <cups/ipp.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/tls_trust.h"

namespace printline::transport {

struct PrinterReadiness {
  bool ready = true;
  std::vector<std::string> problems;  // the error reasons, "-error" dropped: "media-empty"
  std::string message;                // printer-state-message, when the printer gave one
};

// From a Get-Printer-Attributes answer (any attributes may be missing or odd).
PrinterReadiness readiness_from(ipp_t* answer);

// Asks the printer; an error when the URI is not IPP or no answer came within `timeout`.
Result<PrinterReadiness> ask_printer_readiness(std::string_view device_uri, const TlsTrust& trust,
                                               std::chrono::milliseconds timeout);

}  // namespace printline::transport
