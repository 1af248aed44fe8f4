#pragma once
// The desktop client's trust in its server's TLS certificate (D13): the CA file of its
// configuration (ca_cert_file; else the system store) and the certificates pinned at
// `printline login` — the fingerprint the user accepted there, per server address — kept in
// <state>/server-pins.json (0600) so the daemon checks every later connection against them.

#include <filesystem>
#include <string>

#include "core/durable_file.h"
#include "core/tls_trust.h"

namespace printline::client {

// The configured CA file and the pins stored in `state_dir` (none when the file is missing).
Result<TlsTrust> load_server_trust(const std::filesystem::path& state_dir,
                                   const std::string& ca_file);

// Stores `trust.pinned` in `state_dir`, durably, mode 0600.
Status save_server_pins(const std::filesystem::path& state_dir, const TlsTrust& trust);

}  // namespace printline::client
