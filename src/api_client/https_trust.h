#pragma once
// How a cpp-httplib client of the REST API trusts its https:// server (D13, core/tls_trust.h):
// every handshake is checked by check_peer_certificate() — the address's pinned fingerprint,
// else the CA file or the system store and the host name — so nothing of a request (not the
// token) goes to a peer that is not trusted. A refusal's words: take_last_tls_refusal().

#include <httplib.h>

#include "api_client/api_client.h"
#include "api_client/server_url.h"

namespace printline::api_client {

// options.verify_tls false (the CLI's --insecure, for test servers) checks nothing.
void apply_https_trust(httplib::Client& http, const ServerUrl& server,
                       const ClientOptions& options);

}  // namespace printline::api_client
