#pragma once
// HTTPS by default (issue 15): when no certificate is configured and the server is not told to
// serve plain HTTP, printline-server makes its own — a private key (0600, the service
// account's, in <data>/tls/) and a self-signed certificate naming this host, localhost,
// 127.0.0.1 and ::1 — at the first start and reuses them after. Clients pin its SHA-256
// fingerprint at `printline login` (D13, core/tls_trust.h), which the server logs at every
// start.
//
// Which mode (ServerConfig::tls):
//   "auto"        a configured certificate; else a self-signed one, except that a server
//                 listening only on loopback (the demo, tests) serves plain HTTP;
//   "self-signed" a configured certificate; else a self-signed one, whatever the address;
//   "off"         plain HTTP, explicitly (a TLS proxy in front, a test on loopback).

#include <filesystem>
#include <string>

#include "core/error.h"
#include "server/server_config.h"

namespace printline::server {

struct TlsSetup {
  bool https = false;
  bool generated = false;        // the key and certificate were made at this start
  std::string sha256_fingerprint;  // "AB:CD:…" of the certificate served; empty for HTTP
};

// Where the generated key and certificate live.
std::filesystem::path self_signed_key_path(const ServerConfig& config);
std::filesystem::path self_signed_cert_path(const ServerConfig& config);

// True when `host` is a loopback address or "localhost" (not a wildcard such as 0.0.0.0).
bool is_loopback_host(const std::string& host);

// Decides HTTP or HTTPS for `config`; for a self-signed certificate creates or reuses it and
// points config.tls_cert/tls_key at it. Returns the fingerprint to log. An error says which
// file is wrong and what to do (a key without its certificate is never replaced silently
// once the certificate was served).
Result<TlsSetup> prepare_tls(ServerConfig& config);

// The SHA-256 fingerprint of the first certificate of a PEM file.
Result<std::string> pem_certificate_fingerprint(const std::filesystem::path& cert);

}  // namespace printline::server
