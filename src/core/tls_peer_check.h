#pragma once
// Makes an OpenSSL client context (cpp-httplib's, the login probe's) check the peer of every
// handshake with check_peer_certificate() (tls_trust.h), so a client that does not trust its
// peer ends the handshake before a byte of the request is sent.
//
// Threading: the check runs on the thread doing the handshake; the refusal's words are kept
// per thread for the caller to show (last_tls_refusal()).

#include <openssl/ssl.h>

#include <string>

#include "core/tls_trust.h"

namespace printline {

// Requires the peer of every connection made with `context` to be trusted for host:port.
// The context keeps its own copy of `trust`.
void require_trusted_peer(SSL_CTX* context, const TlsTrust& trust, const std::string& host,
                          int port);

// Why this thread's last handshake refused its peer ("" when it did not); cleared by reading.
std::string take_last_tls_refusal();

}  // namespace printline
