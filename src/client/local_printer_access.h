#pragma once
// Who may use the desktop client's local IPP printer on loopback (D13): its owner — the
// workstation user the client runs for — root, and the user CUPS runs its backends as ("lp",
// for a CUPS queue an administrator pointed at this printer: cupsd's ipp backend). Every other
// local account is refused before a byte of its request is read, as is a Host header that
// does not name loopback (a DNS-rebinding web page in the owner's browser).
//
// One call per request, from the HTTP front (local_ipp_printer.cc), whatever carries it.

#include <sys/types.h>

#include <optional>
#include <string>

#include "client/loopback_peer.h"

namespace printline::client {

struct LocalPrinterAccess {
  uid_t owner = 0;
  std::optional<uid_t> cups_backend_user;  // "lp", when the system has it
};

// The users allowed for a client running as `owner`.
LocalPrinterAccess local_printer_access_for(uid_t owner);

// nullopt when the request may go on; else why it is refused (for the 403 answer and the log).
std::optional<std::string> refuse_local_printer_request(const LocalPrinterAccess& access,
                                                        const LoopbackConnection& connection,
                                                        const std::string& host_header);

}  // namespace printline::client
