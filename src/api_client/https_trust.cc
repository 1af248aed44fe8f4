#include "api_client/https_trust.h"

#include "core/tls_peer_check.h"

namespace printline::api_client {

void apply_https_trust(httplib::Client& http, const ServerUrl& server,
                       const ClientOptions& options) {
  if (!server.tls) return;
  // cpp-httplib's own check knows no pins: ours replaces it for every handshake.
  http.enable_server_certificate_verification(false);
  if (!options.verify_tls) return;
  TlsTrust trust;
  trust.ca_file = options.ca_cert_file;
  trust.pinned = options.pinned_certificates;
  require_trusted_peer(http.ssl_context(), trust, server.host, server.port);
}

}  // namespace printline::api_client
