#include "client/server_trust.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace printline::client {

namespace {

std::filesystem::path pins_path(const std::filesystem::path& state_dir) {
  return state_dir / "server-pins.json";
}

}  // namespace

Result<TlsTrust> load_server_trust(const std::filesystem::path& state_dir,
                                   const std::string& ca_file) {
  TlsTrust trust;
  trust.ca_file = ca_file;
  const auto path = pins_path(state_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return trust;
  auto text = read_whole_file(path);
  if (!text.ok()) return text.error();
  const auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  const auto damaged = Error{fmt::format(
      "{} is damaged, so the pinned server certificates are unknown: remove it and run "
      "`printline login` again.",
      path.string())};
  if (!j.is_object() || !j.contains("pins") || !j["pins"].is_object()) return damaged;
  for (const auto& [address, fingerprint] : j["pins"].items()) {
    if (!fingerprint.is_string()) return damaged;
    auto normal = normalize_fingerprint(fingerprint.get<std::string>());
    if (!normal) return damaged;
    trust.pinned[address] = *normal;
  }
  return trust;
}

Status save_server_pins(const std::filesystem::path& state_dir, const TlsTrust& trust) {
  nlohmann::json pins = nlohmann::json::object();
  for (const auto& [address, fingerprint] : trust.pinned) pins[address] = fingerprint;
  const nlohmann::json j = {{"pins", pins}};
  return write_file_durably(pins_path(state_dir), j.dump(2) + "\n", 0600);
}

}  // namespace printline::client
