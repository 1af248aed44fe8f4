#pragma once
// URI scheme → transport, in the spirit of PAPPL's device scheme registry. The built-in
// schemes (socket, lpd, ipp, ipps) are registered on first use; other code (a test, a future
// usb:// or file:// transport) may add its own. Thread-safe.

#include <memory>
#include <string>
#include <string_view>

#include "transport/print_transport.h"

namespace printline::transport {

// Adds or replaces the transport for a scheme (lower case, without "://").
void register_transport(std::string_view scheme, std::shared_ptr<const PrintTransport> transport);

// The transport for a scheme, or null when none is registered.
std::shared_ptr<const PrintTransport> transport_for_scheme(std::string_view scheme);

}  // namespace printline::transport
