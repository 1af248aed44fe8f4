#pragma once
// Sends a spooled job to the fallback printer's target (FP-2, FP-6), PJL-tagged with the job
// UUID where the protocol allows it (RAW, LPR), and words the D7 outcomes for the user.
//
// Threading: independent calls may run on any thread; cancel through `cancel`.

#include <filesystem>
#include <optional>
#include <string>

#include "core/tls_trust.h"
#include "model/printer.h"
#include "model/job_ticket.h"
#include "transport/cancel_flag.h"
#include "transport/send_outcome.h"

namespace printline::client {

struct FallbackSend {
  std::string uuid;
  std::string title;
  std::string document_format;
  model::JobTicket ticket;  // what the user asked (D11): IPP printers get what they support
  std::string user;
  std::string target_uri;
  std::filesystem::path document;
  TlsTrust tls_trust;  // ipps:// printers: whom to trust (D13)
  std::string printer_name;  // as the user knows it, in messages
  // The printer as the server described it (language, capabilities: D11). When known, what it
  // cannot do is refused before sending and RAW/LPR targets get the document in its language
  // behind the PJL ticket (transport::send_to_printer); else the document goes as it is.
  std::optional<model::Printer> printer;
};

transport::SendResult send_to_fallback_printer(const FallbackSend& job,
                                               const transport::CancelFlag* cancel = nullptr);

// D7 / FP-3: the printer refused the job. Names the printer and the likely cause; when it
// cannot do an option the job asks (D11), that option.
std::string rejected_by_device_message(const std::string& printer,
                                       const transport::SendResult& result);

// Printline stopped while sending the job to `printer` (a shutdown mid-send, or a crash):
// it may have printed, so the user decides (never resent silently).
std::string may_have_printed_message(const std::string& printer);

// The printer could not take the job now (unreachable, timed out, busy, …).
std::string fallback_failed_message(const std::string& printer,
                                    const transport::SendResult& result);

}  // namespace printline::client
