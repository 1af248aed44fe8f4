#include "backend_uri.h"

#include <pwd.h>

#include <cstdlib>
#include <vector>

#include "client/control_socket_path.h"

namespace printline::cups_backend {

namespace {

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::optional<BackendUri> parse_backend_uri(const std::string& uri) {
  if (uri.rfind("printline:", 0) != 0) return std::nullopt;
  BackendUri parsed;
  const auto query = uri.find('?');
  if (query == std::string::npos) return parsed;
  std::string rest = uri.substr(query + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string pair = rest.substr(0, amp);
    rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
    if (pair.rfind("socket=", 0) == 0 && pair.size() > 7) {
      parsed.socket = percent_decode(pair.substr(7));
    }
  }
  return parsed;
}

std::optional<std::filesystem::path> socket_for_user(const BackendUri& uri,
                                                     const std::string& user, std::string* why) {
  if (uri.socket) return uri.socket;
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    *why = "The job's user \"" + user + "\" is not known on this computer, so there is no "
           "Printline client to hand the job to; print as a local user.";
    return std::nullopt;
  }
  return client::control_socket_path_for_uid(found->pw_uid);
}

}  // namespace printline::cups_backend
