#include "client/client_config.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "api_client/api_client.h"
#include "core/durable_file.h"
#include "core/tls_trust.h"
#include "model/json_number.h"

namespace printline::client {

std::vector<std::string> split_server_list(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto start = current.find_first_not_of(" \t");
    auto end = current.find_last_not_of(" \t");
    if (start != std::string::npos) out.push_back(current.substr(start, end - start + 1));
    current.clear();
  };
  for (char c : text) {
    if (c == ',') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

Result<ClientConfig> read_client_config_file(const std::filesystem::path& path) {
  auto text = read_whole_file(path);
  if (!text.ok()) return text.error();
  static const std::set<std::string> kKeys = {
      "state_dir",        "servers",  "queue",           "ipp_listen",
      "control_socket",   "connect_timeout_ms", "heartbeat_interval_ms", "probe_timeout_ms",
      "log_level",        "log_file", "ca_cert_file", "pinned_certificates"};
  try {
    const auto j = nlohmann::json::parse(*text);
    if (!j.is_object()) return Error{fmt::format("{}: the configuration must be a JSON object.", path.string())};
    for (const auto& [key, value] : j.items()) {
      if (!kKeys.contains(key)) {
        return Error{fmt::format("{}: unknown key \"{}\" (see docs/client.md for the keys).",
                                 path.string(), key)};
      }
    }
    ClientConfig config;
    config.state_dir = j.value("state_dir", std::string());
    if (auto it = j.find("servers"); it != j.end()) {
      if (it->is_string()) {
        config.servers = split_server_list(it->get<std::string>());
      } else {
        config.servers = it->get<std::vector<std::string>>();
      }
    }
    config.queue = j.value("queue", config.queue);
    config.ipp_listen = j.value("ipp_listen", std::string());
    config.control_socket = j.value("control_socket", std::string());
    config.connect_timeout = std::chrono::milliseconds(model::integer_or(
        j, "connect_timeout_ms", static_cast<std::int64_t>(config.connect_timeout.count())));
    if (j.contains("heartbeat_interval_ms")) {
      config.heartbeat_interval = std::chrono::milliseconds(model::checked_integer<std::int64_t>(
          j.at("heartbeat_interval_ms"), "heartbeat_interval_ms"));
    }
    config.probe_timeout = std::chrono::milliseconds(model::integer_or(
        j, "probe_timeout_ms", static_cast<std::int64_t>(config.probe_timeout.count())));
    config.log_level = j.value("log_level", config.log_level);
    config.log_file = j.value("log_file", std::string());
    config.ca_cert_file = j.value("ca_cert_file", std::string());
    if (auto pins = j.find("pinned_certificates"); pins != j.end()) {
      for (const auto& [address, fingerprint] : pins->items()) {
        auto normal = normalize_fingerprint(fingerprint.get<std::string>());
        if (!normal) {
          return Error{fmt::format("{}: pinned_certificates[\"{}\"] is not a SHA-256 "
                                   "fingerprint (64 hex digits, e.g. as `openssl x509 "
                                   "-fingerprint -sha256` prints it).",
                                   path.string(), address)};
        }
        config.pinned_certificates[address] = *normal;
      }
    }
    return config;
  } catch (const nlohmann::json::exception& e) {
    return Error{fmt::format("{}: not a valid configuration: {}", path.string(), e.what())};
  }
}

ClientConfig merge_configs(ClientConfig base, const ClientConfig& overrides) {
  const ClientConfig defaults;
  if (!overrides.state_dir.empty()) base.state_dir = overrides.state_dir;
  if (!overrides.servers.empty()) base.servers = overrides.servers;
  if (overrides.queue != defaults.queue) base.queue = overrides.queue;
  if (!overrides.ipp_listen.empty()) base.ipp_listen = overrides.ipp_listen;
  if (!overrides.control_socket.empty()) base.control_socket = overrides.control_socket;
  if (overrides.connect_timeout != defaults.connect_timeout) {
    base.connect_timeout = overrides.connect_timeout;
  }
  if (overrides.heartbeat_interval) base.heartbeat_interval = overrides.heartbeat_interval;
  if (overrides.probe_timeout != defaults.probe_timeout) base.probe_timeout = overrides.probe_timeout;
  if (overrides.log_level != defaults.log_level) base.log_level = overrides.log_level;
  if (!overrides.log_file.empty()) base.log_file = overrides.log_file;
  if (!overrides.ca_cert_file.empty()) base.ca_cert_file = overrides.ca_cert_file;
  for (const auto& [address, fingerprint] : overrides.pinned_certificates) {
    base.pinned_certificates[address] = fingerprint;
  }
  return base;
}

Result<std::pair<std::string, int>> parse_ipp_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    return Error{fmt::format("--ipp-listen \"{}\" must be HOST:PORT, e.g. 127.0.0.1:8632.", text)};
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  const auto digits = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc() || end != digits.data() + digits.size() || port < 0 || port > 65535) {
    return Error{fmt::format("--ipp-listen \"{}\": the port must be a number from 0 to 65535.", text)};
  }
  if (host != "127.0.0.1" && host != "::1" && host != "localhost") {
    return Error{fmt::format("--ipp-listen \"{}\": the local printer listens on loopback only "
                             "(127.0.0.1, ::1 or localhost).",
                             text)};
  }
  return std::make_pair(host, port);
}

std::optional<Error> validate(const ClientConfig& config) {
  if (config.state_dir.empty()) {
    return Error{"Give the state directory with --state DIR (it holds the outbox and the cache)."};
  }
  if (config.servers.empty()) {
    return Error{"Give at least one server address with --server URL[,URL…]."};
  }
  if (auto parsed = api_client::parse_server_urls(config.servers); !parsed.ok()) {
    return parsed.error();
  }
  if (config.queue.empty()) return Error{"--queue must name a server queue."};
  if (!config.ipp_listen.empty()) {
    if (auto listen = parse_ipp_listen(config.ipp_listen); !listen.ok()) return listen.error();
  }
  if (config.connect_timeout.count() <= 0) return Error{"The connect timeout must be positive."};
  if (config.heartbeat_interval && config.heartbeat_interval->count() <= 0) {
    return Error{"The heartbeat interval must be positive."};
  }
  return std::nullopt;
}

}  // namespace printline::client
