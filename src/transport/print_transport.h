#pragma once
// The entry points: send a document to a printer's device URI, or probe whether it answers.
// The transport is chosen by the URI's scheme (transport_registry.h):
//   socket://host[:port]       RAW / AppSocket / JetDirect (default port 9100)
//   lpd://host[:port]/queue    RFC 1179 (default port 515)
//   ipp://host[:port]/path     IPP over libcups (default port 631); ipps:// with TLS
// Every call is independent and may run on any thread; cancel through SendOptions::cancel.

#include <chrono>
#include <string>
#include <string_view>

#include "transport/device_uri.h"
#include "transport/document_source.h"
#include "transport/send_options.h"
#include "transport/send_outcome.h"

namespace printline::transport {

// One way of talking to a printer. Implementations report what happened and never retry.
class PrintTransport {
 public:
  virtual ~PrintTransport() = default;
  virtual SendResult send(const DeviceUri& uri, DocumentSource& document,
                          const SendOptions& options) const = 0;
};

// Sends the whole document and classifies the outcome; never throws. Logs per printer
// ("[printer <uri>]"): the first failure at error level, repeats at debug level.
SendResult send_document(std::string_view device_uri, DocumentSource& document,
                         const SendOptions& options);

struct ProbeResult {
  bool reachable = false;
  std::chrono::milliseconds elapsed{0};  // time until the port answered (or gave up)
  std::string message;                   // for a person, names the printer
};

// Whether the printer's port accepts a TCP connection within timeout. Sends nothing.
ProbeResult probe(std::string_view device_uri, std::chrono::milliseconds timeout);

}  // namespace printline::transport
