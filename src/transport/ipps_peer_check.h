#pragma once
// Checks the TLS peer of a libcups connection (ipps://, the server's IPP queues over https)
// before anything is sent on it (D13). libcups 2.4 built with GnuTLS checks no certificate and
// calls no certificate callback during the handshake, so the peer's chain is read with
// httpCopyCredentials() right after httpConnect2() and judged by core/tls_trust.h. The
// connection must then be used for one request only: libcups reconnects on its own after some
// failures, and a new handshake would not be checked.

#include <cups/cups.h>

#include <optional>
#include <string>

#include "core/error.h"
#include "core/tls_trust.h"

namespace printline::transport {

// nullopt when the peer of `http` (already connected with TLS) is trusted for host:port.
std::optional<Error> check_ipps_peer(http_t* http, const std::string& host, int port,
                                     const TlsTrust& trust);

}  // namespace printline::transport
