#pragma once
// The first start of a server creates its administrator, so the system can be set up at all.

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace printline::server {

struct BootstrapResult {
  bool created = false;
  std::string login;                           // "admin"
  std::optional<std::string> generated_password;  // to be printed once, never stored in clear
};

// When the store has no user yet, creates the administrator "admin" with the password read from
// password_file (first line), or a random one when no file is given.
Result<BootstrapResult> ensure_administrator(store::Store& store,
                                             const std::filesystem::path& password_file);

}  // namespace printline::server
