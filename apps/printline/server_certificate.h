#pragma once
// `printline login`'s first look at an https:// server (D13), like SSH's first connection: a
// certificate that no trusted CA vouches for is shown by its SHA-256 fingerprint and used only
// once the user confirms it (or names it with --accept-fingerprint, for scripts); it is then
// pinned. A pinned certificate that changed is refused, with what to do. Nothing — not the
// password — is sent before this.

#include <string>

#include "api_client/server_url.h"
#include "core/error.h"

namespace printline::cli {

struct CertificateChoice {
  std::string pinned_sha256;  // the fingerprint to pin; empty: a CA vouches, nothing to pin
};

// `ca_file`: --ca-cert (empty = system store); `previous_pin`: pinned at an earlier login to
// this server; `accept`: --accept-fingerprint. Asks on the terminal when it must and can.
Result<CertificateChoice> choose_server_certificate(const api_client::ServerUrl& server,
                                                    const std::string& ca_file,
                                                    const std::string& previous_pin,
                                                    const std::string& accept, int timeout_ms);

}  // namespace printline::cli
