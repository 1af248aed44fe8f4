#include "server_certificate.h"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "core/i18n.h"
#include "core/tls_certificate_probe.h"
#include "core/tls_trust.h"
#include "yes_answer.h"

namespace printline::cli {

Result<CertificateChoice> choose_server_certificate(const api_client::ServerUrl& server,
                                                    const std::string& ca_file,
                                                    const std::string& previous_pin,
                                                    const std::string& accept, int timeout_ms) {
  auto chain = fetch_peer_certificates(server.host, server.port,
                                       std::chrono::milliseconds(timeout_ms));
  if (!chain.ok()) return chain.error();
  const std::string shown = sha256_fingerprint(chain->front());
  const std::string address = TlsTrust::key(server.host, server.port);
  std::optional<std::string> accepted;
  if (!accept.empty()) {
    accepted = normalize_fingerprint(accept);
    if (!accepted) {
      return Error{trf("--accept-fingerprint \"{given}\" is not a SHA-256 fingerprint (64 hex "
                       "digits, e.g. AB:CD:…).",
                       fmt::arg("given", accept))};
    }
  }
  TlsTrust trust;
  trust.ca_file = ca_file;
  if (!previous_pin.empty() && !accepted) trust.pinned[address] = previous_pin;
  if (!check_peer_certificate(*chain, server.host, server.port, trust)) {
    // Still the pinned certificate, or a CA vouches for it.
    return CertificateChoice{trust.pin_for(server.host, server.port) ? previous_pin : ""};
  }
  if (!previous_pin.empty() && !accepted) {
    return check_peer_certificate(*chain, server.host, server.port, trust).value();
  }
  if (accepted) {
    if (*accepted != shown) {
      return Error{trf(
          "The certificate of {server} is SHA256 {fingerprint}, not the {given} given with "
          "--accept-fingerprint: nothing was sent. Check the fingerprint with your administrator.",
          fmt::arg("server", address), fmt::arg("fingerprint", shown),
          fmt::arg("given", *accepted))};
    }
    return CertificateChoice{shown};
  }
  std::cerr << trf("The authenticity of the server {server} can't be established: no trusted "
                   "CA vouches for its certificate.",
                   fmt::arg("server", address))
            << "\n"
            << tr("Its certificate's SHA-256 fingerprint is") << "\n  SHA256 " << shown << "\n"
            << tr("Compare it with the one your administrator gave you (on the server: openssl "
                  "x509 -noout -fingerprint -sha256 -in CERT).")
            << "\n";
  if (::isatty(STDIN_FILENO) == 0) {
    return Error{trf(
        "Not logged in: the certificate of {server} must be confirmed. Once your administrator "
        "has confirmed the fingerprint, run the same command with --accept-fingerprint "
        "{fingerprint}.",
        fmt::arg("server", address), fmt::arg("fingerprint", shown))};
  }
  std::cerr << tr("Trust this certificate and pin it for later connections (yes/no)? ");
  std::string answer;
  std::getline(std::cin, answer);
  if (!is_yes_answer(answer)) {
    return Error{tr("Not logged in: the server's certificate was not accepted; nothing was sent.")};
  }
  return CertificateChoice{shown};
}

}  // namespace printline::cli
