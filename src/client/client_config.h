#pragma once
// How printline-client runs: command-line options, or a JSON file with the same keys
// (docs/client.md). Options given on the command line win over the file.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace printline::client {

struct ClientConfig {
  std::filesystem::path state_dir;        // outbox, spool, cache, token; created if missing
  std::vector<std::string> servers;       // tried in order (D1)
  std::string queue = "main";             // the server queue jobs go to
  std::string ipp_listen;                 // "127.0.0.1:PORT" for the local IPP printer; empty = off
  std::filesystem::path control_socket;   // empty = default_control_socket_path()
  // Per server address (D1), until the profile's connect timeout is fetched.
  std::chrono::milliseconds connect_timeout{3000};
  // Replaces the profile's heartbeat interval when set (tests, benchmarks); the configured
  // connect_timeout then stays in force too, so a test's timing is the test's own.
  std::optional<std::chrono::milliseconds> heartbeat_interval;
  std::chrono::milliseconds probe_timeout{700};  // D2's quick port probe
  std::string log_level = "info";
  std::string log_file;  // empty = stderr (the journal under systemd)
  // D13, TLS trust for the server and ipps:// fallback printers: a PEM file of trusted CAs
  // (empty = the system store), and certificates pinned by an administrator, "host:port" →
  // SHA-256 fingerprint (those pinned at `printline login` are kept in the state directory).
  std::string ca_cert_file;
  std::map<std::string, std::string> pinned_certificates;
};

// Keys: state_dir, servers (array or comma-separated string), queue, ipp_listen,
// control_socket, connect_timeout_ms, heartbeat_interval_ms, probe_timeout_ms, log_level,
// log_file, ca_cert_file, pinned_certificates (object "host:port" → fingerprint). Unknown keys are an error, so a typo does not silently keep a default.
Result<ClientConfig> read_client_config_file(const std::filesystem::path& path);

// Merges `overrides` over `base`: every field of `overrides` that is set wins.
ClientConfig merge_configs(ClientConfig base, const ClientConfig& overrides);

// "a,b , c" → {"a","b","c"}.
std::vector<std::string> split_server_list(const std::string& text);

// Why the configuration cannot work, or nothing.
std::optional<Error> validate(const ClientConfig& config);

// "127.0.0.1:8632" → host and port; loopback only (the local printer must not be reachable
// from the network).
Result<std::pair<std::string, int>> parse_ipp_listen(const std::string& text);

}  // namespace printline::client
