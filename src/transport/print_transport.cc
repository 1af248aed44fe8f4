#include "transport/print_transport.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "transport/outcome_message.h"
#include "transport/printer_log.h"
#include "transport/tcp_connection.h"
#include "transport/transport_registry.h"

namespace printline::transport {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

SendResult send_classified(std::string_view device_uri, DocumentSource& document,
                           const SendOptions& options) {
  auto uri = parse_device_uri(device_uri);
  if (!uri) return make_result(Outcome::kInvalidRequest, device_uri, uri.error().message);
  auto transport = transport_for_scheme(uri->scheme);
  if (!transport) {
    return make_result(Outcome::kInvalidRequest, device_uri,
                       fmt::format("the scheme \"{}\" is not supported; use socket://, lpd://, "
                                   "ipp:// or ipps://",
                                   uri->scheme));
  }
  if (options.ticket.copies < 1) {
    return make_result(Outcome::kInvalidRequest, device_uri, "copies must be at least 1");
  }
  return transport->send(*uri, document, options);
}

}  // namespace

SendResult send_document(std::string_view device_uri, DocumentSource& document,
                         const SendOptions& options) {
  const auto start = Clock::now();
  SendResult result = send_classified(device_uri, document, options);
  result.elapsed = since(start);
  log_send_result(device_uri, result);
  return result;
}

ProbeResult probe(std::string_view device_uri, std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  ProbeResult result;
  auto uri = parse_device_uri(device_uri);
  if (!uri) {
    result.message = uri.error().message;
    return result;
  }
  TcpConnection connection({timeout, timeout, nullptr});
  auto error = connection.connect(uri->host, uri->port);
  result.elapsed = since(start);
  result.reachable = !error;
  result.message = error ? make_result(outcome_for(*error), device_uri, error->detail).message
                         : trf("Printer {printer} answers on port {port} ({ms} ms).",
                               fmt::arg("printer", device_uri), fmt::arg("port", uri->port),
                               fmt::arg("ms", result.elapsed.count()));
  return result;
}

}  // namespace printline::transport
