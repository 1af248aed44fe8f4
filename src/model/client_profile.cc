#include "model/client_profile.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, ReleaseCondition condition) {
  j = condition == ReleaseCondition::kAlways ? "always" : "credit-quota";
}

void from_json(const nlohmann::json& j, ReleaseCondition& condition) {
  const auto s = j.get<std::string>();
  if (s == "always") {
    condition = ReleaseCondition::kAlways;
  } else if (s == "credit-quota") {
    condition = ReleaseCondition::kCreditQuota;
  } else {
    throw nlohmann::json::other_error::create(501, "release must be always or credit-quota", &j);
  }
}

void to_json(nlohmann::json& j, const FallbackSettings& settings) {
  j = {{"enabled", settings.enabled},
       {"printer_ids", settings.printer_ids},
       {"group_id", settings.group_id ? nlohmann::json(*settings.group_id) : nullptr},
       {"release", settings.release},
       {"port", settings.port},
       {"kx_integration", settings.kx_integration},
       {"keep_waiting_days", settings.keep_waiting_days}};
}

void from_json(const nlohmann::json& j, FallbackSettings& settings) {
  read_optional_field(j, "enabled", settings.enabled);
  read_optional_field(j, "printer_ids", settings.printer_ids);
  settings.group_id.reset();
  read_optional_field(j, "group_id", settings.group_id);
  read_optional_field(j, "release", settings.release);
  read_optional_field(j, "port", settings.port);
  read_optional_field(j, "kx_integration", settings.kx_integration);
  read_optional_field(j, "keep_waiting_days", settings.keep_waiting_days);
}

void to_json(nlohmann::json& j, const ClientProfile& profile) {
  j = {{"id", profile.id},
       {"name", profile.name},
       {"assigned_users", profile.assigned_users},
       {"assigned_groups", profile.assigned_groups},
       {"is_default", profile.is_default},
       {"server_addresses", profile.server_addresses},
       {"connect_timeout_ms", profile.connect_timeout.count()},
       {"heartbeat_interval_s", profile.heartbeat_interval.count()},
       {"answer_timeout_s", profile.answer_timeout.count()},
       {"fallback", profile.fallback},
       {"version", profile.version}};
}

void from_json(const nlohmann::json& j, ClientProfile& profile) {
  read_optional_field(j, "id", profile.id);
  j.at("name").get_to(profile.name);
  read_optional_field(j, "assigned_users", profile.assigned_users);
  read_optional_field(j, "assigned_groups", profile.assigned_groups);
  read_optional_field(j, "is_default", profile.is_default);
  read_optional_field(j, "server_addresses", profile.server_addresses);
  if (j.contains("connect_timeout_ms") && !j["connect_timeout_ms"].is_null()) {
    profile.connect_timeout = std::chrono::milliseconds(
        checked_integer<std::int64_t>(j["connect_timeout_ms"], "connect_timeout_ms"));
  }
  if (j.contains("heartbeat_interval_s") && !j["heartbeat_interval_s"].is_null()) {
    profile.heartbeat_interval = std::chrono::seconds(
        checked_integer<std::int64_t>(j["heartbeat_interval_s"], "heartbeat_interval_s"));
  }
  if (j.contains("answer_timeout_s") && !j["answer_timeout_s"].is_null()) {
    profile.answer_timeout = std::chrono::seconds(
        checked_integer<std::int64_t>(j["answer_timeout_s"], "answer_timeout_s"));
  }
  read_optional_field(j, "fallback", profile.fallback);
  read_optional_field(j, "version", profile.version);
}

}  // namespace printline::model
