#include "client/local_printer_access.h"

#include <fmt/format.h>
#include <pwd.h>

namespace printline::client {

LocalPrinterAccess local_printer_access_for(uid_t owner) {
  LocalPrinterAccess access;
  access.owner = owner;
  if (const passwd* lp = ::getpwnam("lp"); lp != nullptr) access.cups_backend_user = lp->pw_uid;
  return access;
}

std::optional<std::string> refuse_local_printer_request(const LocalPrinterAccess& access,
                                                        const LoopbackConnection& connection,
                                                        const std::string& host_header) {
  if (!host_header.empty() && !is_loopback_authority(host_header)) {
    return fmt::format("This printer answers only requests addressed to localhost, not to "
                       "\"{}\".",
                       host_header);
  }
  const auto uid = loopback_peer_uid(connection);
  if (!uid) {
    return std::string("This printer cannot tell which local user is connecting, so it refuses.");
  }
  if (*uid == access.owner || *uid == 0 ||
      (access.cups_backend_user && *uid == *access.cups_backend_user)) {
    return std::nullopt;
  }
  const passwd* entry = ::getpwuid(*uid);
  return fmt::format("This printer belongs to another user's Printline client; {} must print "
                     "through their own (printline-client, or the CUPS queue printline:/).",
                     entry != nullptr ? entry->pw_name : fmt::format("uid {}", *uid));
}

}  // namespace printline::client
