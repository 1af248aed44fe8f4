#pragma once
// How to send one document: who and what it is, and how long to wait.

#include <chrono>
#include <string>

#include "core/tls_trust.h"
#include "model/job_ticket.h"
#include "transport/cancel_flag.h"

namespace printline::transport {

// Which IPP operations to use. kAuto asks the printer (operations-supported) and prefers
// Create-Job + Send-Document; the others force one path (tests, odd printers).
enum class IppOperations { kAuto, kPrintJob, kCreateJobSendDocument };

struct SendOptions {
  std::string job_uuid;  // carried in PJL (pjl_wrap) and as IPP job-uuid when valid
  std::string user;      // requesting-user-name, LPD P line, PJL USERNAME
  std::string title;     // job-name, LPD J and N lines
  std::string printer_name;  // how people know the printer, in messages; the URI when empty
  std::string document_format = "application/octet-stream";  // IPP document-format (MIME)
  // What the user asked (D11). IPP printers get the attributes they support; RAW/LPR
  // printers get the copies (LPD control file, PJL) — the rest is for the conversion step.
  model::JobTicket ticket;
  // RAW/LPR only: wrap the document in @PJL JOB NAME="<uuid>" / USERNAME ... @PJL EOJ,
  // so that a printed job can be recognised later in the device's log.
  bool pjl_wrap = false;
  // With pjl_wrap: @PJL ENTER LANGUAGE=<this> after the ticket ("PCLXL", "POSTSCRIPT", "PDF",
  // "PCL"); empty: the printer recognises the document itself. Set by send_to_printer.
  std::string pjl_language;
  std::chrono::milliseconds connect_timeout{3000};
  // Longest the printer may stop taking data (or stay silent when an answer is due).
  std::chrono::milliseconds io_timeout{30000};
  const CancelFlag* cancel = nullptr;  // not owned; may be null
  IppOperations ipp_operations = IppOperations::kAuto;
  // ipps://: the printer's certificate must be trusted by this (D13): its pinned fingerprint,
  // else the CA file or the system store and the host name. Nothing is sent to an untrusted one.
  TlsTrust tls_trust;
};

}  // namespace printline::transport
