#pragma once
// Fetches the certificate chain a TLS server shows, without sending it anything but the
// handshake: `printline login` shows its fingerprint to the user before the password goes out
// (like SSH's first connection).

#include <chrono>
#include <string>
#include <vector>

#include "core/error.h"

namespace printline {

// The chain (DER, the server's own certificate first), or why it could not be fetched.
Result<std::vector<std::string>> fetch_peer_certificates(const std::string& host, int port,
                                                         std::chrono::milliseconds timeout);

}  // namespace printline
