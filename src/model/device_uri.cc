#include "model/device_uri.h"

#include <fmt/format.h>

#include "core/i18n.h"

namespace printline::model {

Result<std::string> device_uri_host(std::string_view uri) {
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return Error{trf("device URI \"{uri}\" has no scheme: write e.g. socket://host:9100",
                     fmt::arg("uri", uri))};
  }
  std::string_view rest = uri.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  std::string_view host;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      return Error{trf("device URI \"{uri}\" has an unclosed IPv6 address", fmt::arg("uri", uri))};
    }
    host = rest.substr(0, close + 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  if (host.empty()) return Error{trf("device URI \"{uri}\" has no host", fmt::arg("uri", uri))};
  return std::string(host);
}

std::string make_device_uri(std::string_view host, const DevicePort& port) {
  switch (port.protocol) {
    case PortProtocol::kRaw:
      return fmt::format("socket://{}:{}", host, port.port);
    case PortProtocol::kLpr:
      return fmt::format("lpd://{}:{}/{}", host, port.port, port.queue);
    case PortProtocol::kIpp: {
      std::string_view path = port.queue.empty() ? "ipp/print" : std::string_view(port.queue);
      while (!path.empty() && path.front() == '/') path.remove_prefix(1);
      return fmt::format("ipp://{}:{}/{}", host, port.port, path);
    }
  }
  return {};
}

}  // namespace printline::model
