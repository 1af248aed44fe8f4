#pragma once
// The saved login of `printline login`: the server and the token, in
// $XDG_CONFIG_HOME/printline/credentials.json (else ~/.config/printline/…), mode 0600, so
// later commands need no password.

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"

namespace printline::cli {

struct Credentials {
  std::string server;  // canonical base URL
  std::string token;
  std::string login;
  std::string expires_at;
  // https:// only: the certificate pinned at login (D13, server_certificate.h), "AB:CD:…";
  // empty when a CA vouches for the server.
  std::string pinned_sha256;
};

std::filesystem::path credentials_path();

// nullopt when there is no saved login; an error when the file exists but cannot be read.
Result<std::optional<Credentials>> load_credentials();
// Writes atomically (temporary file, then rename) with mode 0600 in a 0700 directory.
Result<std::filesystem::path> save_credentials(const Credentials& credentials);
// True when a file was removed.
bool remove_credentials();

}  // namespace printline::cli
