#pragma once
// How printline-server runs: from command-line options or a JSON file with the same keys
// (docs/server.md). Defaults give a working server on loopback with SQLite in the data dir.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "directory/directory_source.h"

namespace printline::server {

struct ServerConfig {
  std::filesystem::path data_dir;        // database, spooled documents; created if missing
  std::string listen_host = "127.0.0.1";
  int listen_port = 8631;                // 0 = any free port (tests)
  std::string database = "sqlite";       // "sqlite" or "postgresql://user@host:port/db"
  std::filesystem::path tls_cert;        // both set = HTTPS only
  std::filesystem::path tls_key;
  // Without a certificate (tls_bootstrap.h): "auto" = a self-signed one unless listening on
  // loopback only, "self-signed" = always one, "off" = plain HTTP.
  std::string tls_mode = "auto";
  std::filesystem::path admin_password_file;  // first start: the administrator's password
  // D14: the ISO 4217 code of prices and balances; the web interface writes amounts with it
  // in the reader's conventions ("12,50 €", "CHF 12.50").
  std::string currency = "EUR";
  std::uint64_t max_upload_bytes = 512ull << 20;
  // A document up to this size is kept in the database with its job, larger ones in the spool
  // directory (server/job_spool.h); 0 = every document in the spool.
  std::uint64_t database_document_bytes = 1ull << 20;
  // Per user, so no user fills the spool for everyone (D12): held jobs (hold queues, jobs held
  // for credit) and their documents' bytes. 0 = no limit.
  int max_held_jobs_per_user = 500;
  // D10: a desktop client's job never committed is cancelled unprinted after this long.
  std::int64_t uncommitted_job_expiry_seconds = 600;
  std::uint64_t max_held_bytes_per_user = 2ull << 30;
  int http_threads = 32;                 // worker pool: requests handled at the same time
  // The HTTP front (docs/server.md, "HTTP limits"): requests waiting for a worker before
  // 503, the header deadline, the body's longest pause, keep-alive idle time, and the
  // connections one client address may hold.
  int http_queue = 4096;
  int http_header_timeout_ms = 10'000;
  int http_body_timeout_ms = 30'000;
  int http_idle_timeout_ms = 60'000;
  int http_connections_per_address = 4096;
  int print_workers = 4;                 // jobs sent to printers at the same time
  std::string log_level = "info";
  // Empty: standard error (the journal under systemd). A file is reopened on SIGHUP, after
  // logrotate moved it (packaging/logrotate/printline-server).
  std::filesystem::path log_file;
  std::filesystem::path web_dir;         // web interface files; empty = found (web_static_files.h)
  // Servers sharing one database: each process's stable name, and how often it says it is
  // alive; a process silent for three intervals is presumed stopped (docs/server.md).
  std::string node_name;                 // empty = "<hostname>:<listen port>"
  int node_heartbeat_seconds = 10;
  // Retention (docs/operations.md, retention*.h): a job held longer than this since it was
  // submitted is cancelled (0 = never) unless its queue sets its own hold time; a printed
  // job's document is deleted this long after it printed (0 = at once); how often the sweep
  // looks. Accounting is never deleted.
  std::int64_t held_job_expiry_seconds = 8 * 3600;
  std::int64_t printed_document_keep_seconds = 0;
  int retention_sweep_seconds = 300;
  // D11: how often IPP printers are asked again what they can do (capability_refresh.h).
  int capability_refresh_seconds = 3600;
  // Where users and groups come from besides local accounts (docs/directory.md).
  std::vector<directory::DirectorySource> directories;

  static constexpr std::uint64_t kMaxDatabaseDocumentBytes = 64ull << 20;

  bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
  std::filesystem::path spool_dir() const { return data_dir / "spool"; }
  std::string node_identity() const;
  // What the server should be called by, e.g. "https://127.0.0.1:8631".
  std::string base_url(int bound_port) const;
};

// Reads a JSON object whose keys are the fields above; unknown keys are an error, so a typo
// does not silently fall back to a default.
Result<ServerConfig> read_server_config_file(const std::filesystem::path& path);

// The reason the configuration cannot work, or nothing.
std::optional<Error> validate(const ServerConfig& config);

}  // namespace printline::server
