#pragma once
// A Desktop Client configuration profile (SPEC §3, FP-4…FP-6, FP-9): which users get it, how
// the client finds and watches the server (D1), and Printing → Fallback printing.
// The client fetches it at login and whenever `version` changes; the store bumps `version` on
// every saved change.

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/device_port.h"

namespace printline::model {

enum class ReleaseCondition { kAlways, kCreditQuota };

struct FallbackSettings {
  bool enabled = false;
  // Either listed printers or one printer group (FP-5), not both.
  std::vector<std::int64_t> printer_ids;
  std::optional<std::int64_t> group_id;
  ReleaseCondition release = ReleaseCondition::kAlways;
  DevicePort port{PortProtocol::kRaw, 9100, ""};  // FP-6
  bool kx_integration = false;                    // KX Driver Network Manager (FP-9)
  int keep_waiting_days = 7;  // a job waiting for a choice or for the server is kept this long

  bool operator==(const FallbackSettings&) const = default;
};

// D10: the answer timeout's bounds; below a second a busy server would look hung.
inline constexpr std::int64_t kMinAnswerTimeoutSeconds = 1;
inline constexpr std::int64_t kMaxAnswerTimeoutSeconds = 120;

struct ClientProfile {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> assigned_users;    // logins
  std::vector<std::string> assigned_groups;   // directory group names
  bool is_default = false;                    // the profile of users no other profile names
  std::vector<std::string> server_addresses;  // "host:port" or URLs, tried in order (D1)
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::seconds heartbeat_interval{10};
  // D10: how long the client waits for the server's answer to a job it sent before it treats
  // the server as down and may fall back (the server holds the job uncommitted meanwhile).
  std::chrono::seconds answer_timeout{5};
  FallbackSettings fallback;
  std::int64_t version = 0;

  bool operator==(const ClientProfile&) const = default;
};

void to_json(nlohmann::json& j, ReleaseCondition condition);
void from_json(const nlohmann::json& j, ReleaseCondition& condition);
void to_json(nlohmann::json& j, const FallbackSettings& settings);
void from_json(const nlohmann::json& j, FallbackSettings& settings);
// Durations travel as connect_timeout_ms, heartbeat_interval_s and answer_timeout_s.
void to_json(nlohmann::json& j, const ClientProfile& profile);
void from_json(const nlohmann::json& j, ClientProfile& profile);

}  // namespace printline::model
