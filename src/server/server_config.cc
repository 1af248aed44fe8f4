#include "server/server_config.h"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>

#include "model/print_queue.h"

namespace printline::server {

std::string ServerConfig::base_url(int bound_port) const {
  const bool ipv6 = listen_host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", tls() ? "https" : "http", ipv6 ? "[" : "", listen_host,
                     ipv6 ? "]" : "", bound_port);
}

std::string ServerConfig::node_identity() const {
  if (!node_name.empty()) return node_name;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host = {'l', 'o', 'c', 'a', 'l'};
  // Port 0 (any free port, tests) names no stable node: this process only.
  if (listen_port == 0) return fmt::format("{}:pid-{}", host.data(), getpid());
  return fmt::format("{}:{}", host.data(), listen_port);
}

Result<ServerConfig> read_server_config_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error{fmt::format("Cannot read the configuration file {}.", path.string())};
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Error{fmt::format("The configuration file {} is not a JSON object; fix its syntax.",
                             path.string())};
  }
  ServerConfig config;
  try {
    for (const auto& [key, value] : json.items()) {
      if (key == "data_dir") config.data_dir = value.get<std::string>();
      else if (key == "listen_host") config.listen_host = value.get<std::string>();
      else if (key == "listen_port") config.listen_port = value.get<int>();
      else if (key == "database") config.database = value.get<std::string>();
      else if (key == "tls_cert") config.tls_cert = value.get<std::string>();
      else if (key == "tls_key") config.tls_key = value.get<std::string>();
      else if (key == "tls") config.tls_mode = value.get<std::string>();
      else if (key == "admin_password_file") config.admin_password_file = value.get<std::string>();
      else if (key == "max_upload_bytes") config.max_upload_bytes = value.get<std::uint64_t>();
      else if (key == "database_document_bytes")
        config.database_document_bytes = value.get<std::uint64_t>();
      else if (key == "max_held_jobs_per_user") config.max_held_jobs_per_user = value.get<int>();
      else if (key == "uncommitted_job_expiry_seconds")
        config.uncommitted_job_expiry_seconds = value.get<std::int64_t>();
      else if (key == "max_held_bytes_per_user")
        config.max_held_bytes_per_user = value.get<std::uint64_t>();
      else if (key == "http_threads") config.http_threads = value.get<int>();
      else if (key == "http_queue") config.http_queue = value.get<int>();
      else if (key == "http_header_timeout_ms") config.http_header_timeout_ms = value.get<int>();
      else if (key == "http_body_timeout_ms") config.http_body_timeout_ms = value.get<int>();
      else if (key == "http_idle_timeout_ms") config.http_idle_timeout_ms = value.get<int>();
      else if (key == "http_connections_per_address")
        config.http_connections_per_address = value.get<int>();
      else if (key == "print_workers") config.print_workers = value.get<int>();
      else if (key == "log_level") config.log_level = value.get<std::string>();
      else if (key == "log_file") config.log_file = value.get<std::string>();
      else if (key == "currency") config.currency = value.get<std::string>();
      else if (key == "web_dir") config.web_dir = value.get<std::string>();
      else if (key == "node_name") config.node_name = value.get<std::string>();
      else if (key == "node_heartbeat_seconds") config.node_heartbeat_seconds = value.get<int>();
      else if (key == "held_job_expiry_seconds")
        config.held_job_expiry_seconds = value.get<std::int64_t>();
      else if (key == "printed_document_keep_seconds")
        config.printed_document_keep_seconds = value.get<std::int64_t>();
      else if (key == "retention_sweep_seconds") config.retention_sweep_seconds = value.get<int>();
      else if (key == "capability_refresh_seconds")
        config.capability_refresh_seconds = value.get<int>();
      else if (key == "directories") {
        if (!value.is_array()) {
          return Error{fmt::format("\"directories\" in {} is a list of directory sources "
                                   "(docs/directory.md).", path.string())};
        }
        for (const auto& item : value) {
          auto source = directory::directory_source_from_json(item);
          if (!source.ok()) return Error{fmt::format("{} ({}).", source.error().message,
                                                     path.string())};
          config.directories.push_back(std::move(*source));
        }
      }
      else return Error{fmt::format("Unknown setting \"{}\" in {}.", key, path.string())};
    }
  } catch (const nlohmann::json::exception&) {
    return Error{fmt::format("A setting in {} has the wrong type (see docs/server.md).",
                             path.string())};
  }
  return config;
}

std::optional<Error> validate(const ServerConfig& config) {
  if (config.data_dir.empty()) return Error{"No data directory: give --data DIR."};
  if (config.listen_port < 0 || config.listen_port > 65535)
    return Error{fmt::format("Port {} is not a TCP port (0-65535).", config.listen_port)};
  if (config.tls_cert.empty() != config.tls_key.empty())
    return Error{"TLS needs both a certificate and a key (--tls-cert and --tls-key)."};
  if (config.tls_mode != "auto" && config.tls_mode != "self-signed" && config.tls_mode != "off")
    return Error{fmt::format("Unknown TLS mode \"{}\": use auto, self-signed or off.",
                             config.tls_mode)};
  if (config.tls_mode == "off" && config.tls())
    return Error{"TLS is off but a certificate is configured: remove one of the two."};
  if (config.database != "sqlite" && !config.database.starts_with("postgresql://"))
    return Error{fmt::format("Unknown database \"{}\": use sqlite or postgresql://….",
                             config.database)};
  if (config.http_threads < 1 || config.print_workers < 1)
    return Error{"http_threads and print_workers must be at least 1."};
  if (config.http_queue < 1 || config.http_header_timeout_ms < 1 ||
      config.http_body_timeout_ms < 1 || config.http_idle_timeout_ms < 1 ||
      config.http_connections_per_address < 1)
    return Error{"http_queue, the http_*_timeout_ms settings and http_connections_per_address "
                 "must be at least 1 (docs/server.md)."};
  if (config.database_document_bytes > ServerConfig::kMaxDatabaseDocumentBytes)
    return Error{"database_document_bytes may be at most 67108864 (64 MiB): larger documents "
                 "belong in the spool directory (docs/server.md)."};
  if (config.node_heartbeat_seconds < 1)
    return Error{"node_heartbeat_seconds must be at least 1."};
  if (config.held_job_expiry_seconds < 0 || config.printed_document_keep_seconds < 0 ||
      config.retention_sweep_seconds < 1)
    return Error{"held_job_expiry_seconds and printed_document_keep_seconds cannot be negative, "
                 "and retention_sweep_seconds must be at least 1 (docs/operations.md)."};
  if (config.held_job_expiry_seconds > model::kMaxHoldExpirySeconds)
    return Error{"held_job_expiry_seconds may be at most 31622400 (366 days); 0 keeps held "
                 "jobs until they are released."};
  if (config.currency.size() != 3 ||
      !std::all_of(config.currency.begin(), config.currency.end(),
                   [](char c) { return c >= 'A' && c <= 'Z'; }))
    return Error{fmt::format("Currency \"{}\" is not an ISO 4217 code: write three capital "
                             "letters, such as EUR, CHF or USD.",
                             config.currency)};
  if (config.capability_refresh_seconds < 1)
    return Error{"capability_refresh_seconds must be at least 1 (docs/server.md)."};
  if (config.uncommitted_job_expiry_seconds < 1)
    return Error{"uncommitted_job_expiry_seconds must be at least 1 (docs/server.md)."};
  for (std::size_t i = 0; i < config.directories.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (config.directories[i].name == config.directories[j].name)
        return Error{fmt::format("Two directory sources are named \"{}\": each needs its own "
                                 "name.", config.directories[i].name)};
    }
  }
  return std::nullopt;
}

}  // namespace printline::server
