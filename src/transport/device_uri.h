#pragma once
// A printer's device URI taken apart: scheme://[userinfo@]host[:port][/resource][?query].
// IPv6 literals are written in brackets (socket://[::1]:9100).

#include <string>
#include <string_view>

#include "core/error.h"

namespace printline::transport {

struct DeviceUri {
  std::string scheme;    // lower case: "socket", "lpd", "ipp", "ipps"
  std::string host;      // without brackets for IPv6
  int port = 0;          // the scheme's default when the URI has none
  std::string resource;  // path including the leading '/', without the query; may be empty
  std::string text;      // the URI as given, to name the printer in messages and logs

  // For lpd://: the queue name (the resource without its leading '/').
  std::string queue() const;
};

// The well-known port of a scheme, or 0 when the scheme has none.
int default_port(std::string_view scheme);

// Fails with a message naming the URI when it is not of the form above or the port is invalid.
printline::Result<DeviceUri> parse_device_uri(std::string_view text);

}  // namespace printline::transport
