#include "transport/ipp_printer_capabilities.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/job_ticket.h"
#include "transport/device_uri.h"

namespace printline::transport {

model::PrinterCapabilities capabilities_from(const IppPrinterSupport& support) {
  model::PrinterCapabilities capabilities;
  capabilities.color =
      support.color || std::find(support.color_modes.begin(), support.color_modes.end(),
                                 "color") != support.color_modes.end();
  capabilities.duplex = std::any_of(support.sides.begin(), support.sides.end(),
                                    [](const auto& s) { return s.starts_with("two-sided"); });
  for (const auto& media : support.media) {
    auto paper = model::paper_from_media_name(media);
    if (paper && std::find(capabilities.paper_sizes.begin(), capabilities.paper_sizes.end(),
                           *paper) == capabilities.paper_sizes.end()) {
      capabilities.paper_sizes.push_back(*paper);
    }
  }
  for (const auto& format : support.document_formats) {
    // The store keeps a comma-separated list of MIME types: nothing else is worth keeping.
    if (!format.empty() && format.size() <= 127 && format.find(',') == std::string::npos &&
        capabilities.document_formats.size() < 64) {
      capabilities.document_formats.push_back(format);
    }
  }
  return capabilities;
}

Result<IppClient> printer_query_client(std::string_view device_uri, const TlsTrust& trust,
                                       std::chrono::milliseconds timeout) {
  auto uri = parse_device_uri(device_uri);
  if (!uri.ok()) return Error{uri.error().message};
  if (uri->scheme != "ipp" && uri->scheme != "ipps") {
    return Error{fmt::format("{} is not an IPP printer", device_uri)};
  }
  IppClientSettings settings;
  settings.connect_timeout = timeout;
  settings.io_timeout = timeout;
  settings.tls_trust = trust;
  return IppClient({uri->host, uri->port, uri->scheme == "ipps",
                    uri->resource.empty() ? "/" : uri->resource},
                   settings);
}

Result<model::PrinterCapabilities> ask_printer_capabilities(std::string_view device_uri,
                                                            const TlsTrust& trust,
                                                            std::chrono::milliseconds timeout) {
  auto client = printer_query_client(device_uri, trust, timeout);
  if (!client.ok()) {
    return Error{fmt::format("{}: set its capabilities by hand", client.error().message)};
  }
  const auto support = client->printer_support();
  if (!support.answered) {
    return Error{fmt::format("the IPP printer {} did not say what it supports "
                             "(Get-Printer-Attributes): check that it is on and reachable",
                             device_uri)};
  }
  return capabilities_from(support);
}

}  // namespace printline::transport
