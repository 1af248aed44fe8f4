#include "api_client/server_url.h"

#include <charconv>

namespace printline::api_client {

std::string ServerUrl::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return std::string(tls ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" +
         std::to_string(port) + base_path;
}

Result<ServerUrl> parse_server_url(std::string_view text) {
  const std::string original(text);
  auto bad = [&](const std::string& why) {
    return Error{"\"" + original + "\" is not a server address: " + why +
                 ". Write it like https://print.example.org:8631."};
  };
  ServerUrl url;
  if (const auto scheme_end = text.find("://"); scheme_end != std::string_view::npos) {
    const std::string_view scheme = text.substr(0, scheme_end);
    if (scheme == "https") {
      url.tls = true;
    } else if (scheme != "http") {
      return bad("the scheme must be http or https");
    }
    text.remove_prefix(scheme_end + 3);
  }
  const auto path_start = text.find('/');
  std::string_view authority = text.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    std::string_view path = text.substr(path_start);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    url.base_path = std::string(path);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("the IPv6 address has no closing ]");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad("unexpected text after the IPv6 address");
      port_text = rest.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return bad("the host name is missing");
  if (!port_text.empty()) {
    int port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return bad("the port must be a number from 1 to 65535");
    }
    url.port = port;
  }
  return url;
}

}  // namespace printline::api_client
