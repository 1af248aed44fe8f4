#pragma once
// The backend's device URI: printline:/ or printline:/?socket=/path (tests, non-systemd
// sessions), and which control socket a job of a given user goes to.

#include <filesystem>
#include <optional>
#include <string>

namespace printline::cups_backend {

struct BackendUri {
  std::optional<std::filesystem::path> socket;  // ?socket=…, percent-decoded
};

// nullopt when the URI is not printline:… at all.
std::optional<BackendUri> parse_backend_uri(const std::string& uri);

// The socket of `user`'s desktop client: the URI's socket, else /run/user/<uid>/printline/
// control.sock. nullopt (with *why set) when the user does not exist.
std::optional<std::filesystem::path> socket_for_user(const BackendUri& uri,
                                                     const std::string& user, std::string* why);

}  // namespace printline::cups_backend
