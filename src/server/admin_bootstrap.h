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
  // When the password was generated: the 0600 file it was written to (never to standard
  // output or the journal, which other accounts may read).
  std::optional<std::filesystem::path> generated_password_file;
};

// When the store has no user yet, creates the administrator "admin" with the password read from
// password_file (first line), or a random one when no file is given, written to
// <data_dir>/admin-password (mode 0600) and its path logged.
Result<BootstrapResult> ensure_administrator(store::Store& store,
                                             const std::filesystem::path& password_file,
                                             const std::filesystem::path& data_dir);

}  // namespace printline::server
