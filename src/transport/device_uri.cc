#include "transport/device_uri.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace printline::transport {
namespace {

printline::Error bad_uri(std::string_view text, std::string_view why) {
  return printline::Error{"\"" + std::string(text) + "\" is not a valid printer address (" +
                          std::string(why) +
                          "); use socket://host:9100, lpd://host/queue or ipp://host/ipp/print."};
}

}  // namespace

std::string DeviceUri::queue() const {
  return resource.empty() ? std::string() : resource.substr(1);
}

int default_port(std::string_view scheme) {
  if (scheme == "socket") return 9100;
  if (scheme == "lpd") return 515;
  if (scheme == "ipp" || scheme == "ipps") return 631;
  return 0;
}

printline::Result<DeviceUri> parse_device_uri(std::string_view text) {
  DeviceUri uri;
  uri.text = std::string(text);
  auto colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) return bad_uri(text, "no scheme");
  for (char c : text.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return bad_uri(text, "bad scheme");
    }
    uri.scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  std::string_view rest = text.substr(colon + 3);
  auto path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  std::string_view path = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);  // userinfo is not used by any transport
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_uri(text, "unclosed '['");
    uri.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_uri(text, "junk after ']'");
      port_text = after.substr(1);
    }
  } else {
    auto port_colon = authority.find(':');
    uri.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
  }
  if (uri.host.empty()) return bad_uri(text, "no host");
  if (std::any_of(uri.host.begin(), uri.host.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) ||
               std::iscntrl(static_cast<unsigned char>(c));
      })) {
    return bad_uri(text, "bad host");
  }
  uri.port = default_port(uri.scheme);
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      return bad_uri(text, "bad port");
    }
    uri.port = port;
  }
  if (uri.port == 0) return bad_uri(text, "no port");
  uri.resource = std::string(path.substr(0, path.find('?')));
  return uri;
}

}  // namespace printline::transport
