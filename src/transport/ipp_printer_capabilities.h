#pragma once
// What an IPP printer can do, asked with Get-Printer-Attributes through the one IPP client
// (ipp_client.h) and said in the model's terms (D11): colour, duplex, the paper sizes the model
// knows among media-supported, document-format-supported. The server asks when an IPP printer
// is saved and keeps the answer with the printer (its cache); saving it again refreshes it.

#include <chrono>
#include <string_view>

#include "core/error.h"
#include "core/tls_trust.h"
#include "model/printer_capabilities.h"
#include "transport/ipp_client.h"

namespace printline::transport {

model::PrinterCapabilities capabilities_from(const IppPrinterSupport& support);

// A client for asking an ipp(s):// printer questions, every wait bounded by `timeout`; an
// error naming the printer when the URI is not IPP.
Result<IppClient> printer_query_client(std::string_view device_uri, const TlsTrust& trust,
                                       std::chrono::milliseconds timeout);

// An error (naming the printer) when the URI is not ipp(s):// or the printer does not answer
// within `timeout`.
Result<model::PrinterCapabilities> ask_printer_capabilities(std::string_view device_uri,
                                                            const TlsTrust& trust,
                                                            std::chrono::milliseconds timeout);

}  // namespace printline::transport
