#pragma once
// A server base URL as an administrator writes it: "https://print.example.org:8631",
// "http://127.0.0.1:8631/", or just "print.example.org:8631" (plain HTTP). Profiles list the
// addresses a desktop client tries in order (D1).

#include <string>
#include <string_view>

#include "core/error.h"

namespace printline::api_client {

inline constexpr int kDefaultServerPort = 8631;

struct ServerUrl {
  bool tls = false;
  std::string host;  // without brackets for IPv6
  int port = kDefaultServerPort;
  std::string base_path;  // "" or "/prefix" when the server sits behind a proxy path

  // "https://host:port/prefix", the canonical form shown to people and stored.
  std::string to_string() const;
};

Result<ServerUrl> parse_server_url(std::string_view text);

}  // namespace printline::api_client
