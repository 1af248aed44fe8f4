#pragma once
// Whom a TLS client of Printline trusts (D13): the system's certificate store, a CA file from
// the configuration, or one certificate pinned by its SHA-256 fingerprint at `printline login`
// (shown to the user like SSH's first connection). Every client connection — job submission
// (libcups), REST calls (cpp-httplib), fallback printers over ipps:// — checks its peer with
// check_peer_certificate() before it sends anything, and fails closed.
//
// Threading: all functions are pure and may run on any thread.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace printline {

struct TlsTrust {
  std::string ca_file;  // PEM file of trusted CAs; empty = the system store
  // "host:port" → the SHA-256 fingerprint ("AB:CD:…") of the one certificate accepted there.
  // A pinned address is checked against its pin only; the others against the CAs.
  std::map<std::string, std::string> pinned;

  // "host:port" as pins are keyed (IPv6 hosts without brackets).
  static std::string key(const std::string& host, int port);
  const std::string* pin_for(const std::string& host, int port) const;
};

// The SHA-256 fingerprint of a DER certificate as OpenSSL prints it: 32 bytes "AB:CD:…".
std::string sha256_fingerprint(std::string_view der);

// A fingerprint as a person may type it ("SHA256:ab:cd…", "abcd…", any case), in the form
// above; nullopt when it is not 32 bytes of hex.
std::optional<std::string> normalize_fingerprint(std::string_view text);

// Checks the certificate chain a peer showed (DER, the peer's own certificate first) for
// host:port: its pin when one is stored for the address, else the CAs and the host name.
// nullopt when trusted; else an error that says what is wrong and what to do.
std::optional<Error> check_peer_certificate(const std::vector<std::string>& der_chain,
                                            const std::string& host, int port,
                                            const TlsTrust& trust);

}  // namespace printline
