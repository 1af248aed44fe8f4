#pragma once
// Who this desktop client is, for the server's dashboard: a client id made once and kept in
// <state>/client-id (so it survives restarts and reboots, and two clients on one machine under
// different state directories are two clients), the host name and the account it runs as.

#include <filesystem>
#include <string>

#include "core/error.h"

namespace printline::client {

struct ClientIdentity {
  std::string client_id;
  std::string hostname;
  std::string os_user;
};

// Reads <state_dir>/client-id, or makes a new random id and writes it durably.
Result<ClientIdentity> load_client_identity(const std::filesystem::path& state_dir);

}  // namespace printline::client
