#include "client/client_cache.h"

#include <fmt/format.h>

#include "model/json.h"

namespace printline::client {

namespace {

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

std::optional<std::string> read_text(const nlohmann::json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
  return std::nullopt;
}

nlohmann::json profile_json(const api_client::ProfileAnswer& answer) {
  nlohmann::json printers = nlohmann::json::array();
  for (const auto& entry : answer.fallback_printers) {
    printers.push_back({{"printer", entry.printer},
                        {"usable", entry.usable},
                        {"device_uri", optional_text(entry.device_uri)},
                        {"port", entry.port ? nlohmann::json(*entry.port) : nlohmann::json()},
                        {"spooling_port", entry.spooling_port},
                        {"may_be_counted_twice", entry.may_be_counted_twice},
                        {"warning", optional_text(entry.warning)},
                        {"problem", optional_text(entry.problem)}});
  }
  return {{"etag", answer.etag}, {"profile", answer.profile}, {"fallback_printers", printers}};
}

api_client::ProfileAnswer profile_from_json(const nlohmann::json& j) {
  api_client::ProfileAnswer answer;
  answer.etag = j.value("etag", "");
  answer.profile = j.at("profile").get<model::ClientProfile>();
  for (const auto& item : j.value("fallback_printers", nlohmann::json::array())) {
    api_client::FallbackPrinter entry;
    entry.printer = item.at("printer").get<model::Printer>();
    entry.usable = item.value("usable", false);
    entry.device_uri = read_text(item, "device_uri");
    if (auto it = item.find("port"); it != item.end() && it->is_object()) {
      entry.port = it->get<model::DevicePort>();
    }
    entry.spooling_port = item.value("spooling_port", false);
    entry.may_be_counted_twice = item.value("may_be_counted_twice", false);
    entry.warning = read_text(item, "warning");
    entry.problem = read_text(item, "problem");
    answer.fallback_printers.push_back(std::move(entry));
  }
  return answer;
}

nlohmann::json me_json(const api_client::MeAnswer& me) {
  nlohmann::json used = nlohmann::json::array();
  for (const auto& use : me.printers_used) {
    used.push_back({{"printer_id", use.printer_id},
                    {"name", use.name},
                    {"jobs", use.jobs},
                    {"last_used", use.last_used}});
  }
  return {{"user", me.user},
          {"balance_cents", me.balance_cents},
          {"pays_with_credit", me.pays_with_credit},
          {"quota", me.quota ? nlohmann::json(*me.quota) : nlohmann::json()},
          {"currency", me.currency},
          {"printers_used", used}};
}

api_client::MeAnswer me_from_json(const nlohmann::json& j) {
  api_client::MeAnswer me;
  me.user = j.at("user").get<model::User>();
  me.balance_cents = model::integer_or(j, "balance_cents", std::int64_t{0});
  me.pays_with_credit = j.value("pays_with_credit", true);
  me.currency = j.value("currency", "");
  // The cached user carries the synced balance: can_afford reads it from there.
  me.user.balance_cents = me.balance_cents;
  me.user.pays_with_credit = me.pays_with_credit;
  if (auto it = j.find("quota"); it != j.end() && it->is_object()) {
    me.quota = it->get<model::Quota>();
    me.user.quota = me.quota;
  }
  for (const auto& item : j.value("printers_used", nlohmann::json::array())) {
    me.printers_used.push_back(
        {model::integer_or(item, "printer_id", std::int64_t{0}), item.value("name", ""),
         model::integer_or(item, "jobs", std::int64_t{0}), item.value("last_used", "")});
  }
  return me;
}

}  // namespace

ClientCache::ClientCache(std::filesystem::path state_dir) : state_dir_(std::move(state_dir)) {}

Status ClientCache::load() {
  std::lock_guard lock(mutex_);
  if (std::filesystem::exists(state_dir_ / "token")) {
    auto token = read_whole_file(state_dir_ / "token");
    if (!token.ok()) return token.error();
    token_ = *token;
    while (!token_.empty() && (token_.back() == '\n' || token_.back() == '\r')) token_.pop_back();
  }
  const auto path = state_dir_ / "cache.json";
  if (!std::filesystem::exists(path)) return ok_status();
  auto text = read_whole_file(path);
  if (!text.ok()) return text.error();
  try {
    const auto j = nlohmann::json::parse(*text);
    CachedState state;
    if (j.contains("profile") && j["profile"].is_object()) state.profile = profile_from_json(j["profile"]);
    if (j.contains("me") && j["me"].is_object()) state.me = me_from_json(j["me"]);
    for (const auto& printer : j.value("printers", nlohmann::json::array())) {
      state.printers.push_back(printer.get<model::Printer>());
    }
    if (j.contains("prices") && j["prices"].is_object()) state.prices = j["prices"].get<model::PriceList>();
    state.synced_at = model::timestamp_from_json(j.value("synced_at", nlohmann::json()));
    state_ = std::move(state);
  } catch (const nlohmann::json::exception& e) {
    return Error{fmt::format("The cache {} is damaged ({}); it will be refilled from the server.",
                             path.string(), e.what())};
  }
  return ok_status();
}

CachedState ClientCache::snapshot() const {
  std::lock_guard lock(mutex_);
  return state_;
}

Status ClientCache::save_locked() const {
  nlohmann::json j = nlohmann::json::object();
  if (state_.profile) j["profile"] = profile_json(*state_.profile);
  if (state_.me) j["me"] = me_json(*state_.me);
  j["printers"] = state_.printers;
  if (state_.prices) j["prices"] = *state_.prices;
  j["synced_at"] = model::timestamp_to_json(state_.synced_at);
  return write_file_durably(state_dir_ / "cache.json", j.dump(2), 0600);
}

Status ClientCache::set_profile(const api_client::ProfileAnswer& answer) {
  std::lock_guard lock(mutex_);
  state_.profile = answer;
  return save_locked();
}

Status ClientCache::set_me(const api_client::MeAnswer& me) {
  std::lock_guard lock(mutex_);
  const bool changed = !state_.me || me_json(*state_.me) != me_json(me);
  // Round-trip through JSON so the in-memory copy is exactly what a restart would load.
  state_.me = me_from_json(me_json(me));
  state_.synced_at = model::now_seconds();
  // Every heartbeat fetches who-am-I; the disk is written only when something changed.
  if (!changed) return ok_status();
  return save_locked();
}

Status ClientCache::set_printers(std::vector<model::Printer> printers) {
  std::lock_guard lock(mutex_);
  state_.printers = std::move(printers);
  return save_locked();
}

Status ClientCache::set_prices(const model::PriceList& prices) {
  std::lock_guard lock(mutex_);
  state_.prices = prices;
  return save_locked();
}

std::string ClientCache::token() const {
  std::lock_guard lock(mutex_);
  return token_;
}

Status ClientCache::set_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (auto written = write_file_durably(state_dir_ / "token", token + "\n", 0600); !written.ok()) {
    return written;
  }
  token_ = token;
  return ok_status();
}

}  // namespace printline::client
