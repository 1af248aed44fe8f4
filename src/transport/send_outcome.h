#pragma once
// What happened to one attempt to send a document to a printer, classified the way CUPS
// backends do (STYLE.md). The transport reports; the caller decides whether to retry, wait,
// fall back to another printer or give up.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace printline::transport {

enum class Outcome {
  kDelivered,               // the printer took the whole document
  kUnreachable,             // refused, no route, connect timeout, unknown host
  kBusy,                    // the printer is busy: retry later
  kRejectedByDevice,        // the printer refused the job (FP-3): choose another printer
  kAuthenticationRequired,  // the printer wants credentials
  kFormatNotSupported,      // the printer cannot print this document format
  kTimedOut,                // the printer stopped taking data for longer than io_timeout
  kCancelled,               // the caller cancelled (CancelFlag)
  kInvalidRequest,          // bad device URI, unreadable document, unknown scheme
};

// Stable lower-case names for logs, JSON and exit messages: "delivered", "unreachable", "busy",
// "rejected-by-device", "authentication-required", "format-not-supported", "timed-out",
// "cancelled", "invalid-request".
std::string_view outcome_name(Outcome outcome);

struct SendResult {
  Outcome outcome = Outcome::kInvalidRequest;
  std::string message;               // for a person: what happened and what to do
  std::string device_message;        // the device's own words (IPP status-message, LPD reply)
  std::optional<int> device_job_id;  // IPP job-id
  std::uint64_t bytes_sent = 0;      // document bytes the printer accepted (PJL wrapping included)
  std::chrono::milliseconds elapsed{0};
  // kRejectedByDevice because the printer cannot do an option the job asks (D11): nothing was
  // sent, and message names the printer and the option ("floor1-mono cannot print on A3").
  bool ticket_refused = false;

  bool delivered() const { return outcome == Outcome::kDelivered; }
};

}  // namespace printline::transport
