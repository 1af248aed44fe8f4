#pragma once
// Device URIs as printers are configured (socket://host:9100, lpd://host:515/queue,
// ipp://host:631/ipp/print, ipps://...): the host is what fallback printing keeps when it
// swaps in another port (FP-6).

#include <string>
#include <string_view>

#include "core/error.h"
#include "model/device_port.h"

namespace printline::model {

// The host part ("10.0.0.5", "printer.example", "[fe80::1]" keeps its brackets).
Result<std::string> device_uri_host(std::string_view uri);

// socket://host:port, lpd://host:port/queue or ipp://host:port/queue (IPP queue defaults to
// "ipp/print").
std::string make_device_uri(std::string_view host, const DevicePort& port);

}  // namespace printline::model
