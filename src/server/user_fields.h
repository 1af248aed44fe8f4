#pragma once
// Checks of a user's own settings wherever they are written: by an administrator
// (api_users.cc) or by the user (api_self_service.cc); and of a quota, set on a user or on a
// group of users (api_user_groups.cc).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace printline::server {

inline constexpr std::size_t kMinPasswordLength = 8;

// The string field `field` of the body when it is long enough; else a 422 naming the field.
std::string checked_password(const nlohmann::json& body, const char* field = "password");

// A required field that sets or removes a secret ("pin", "card"): a string to set, null to
// remove (nullopt); else 400.
std::optional<std::string> set_or_remove_field(const nlohmann::json& body, const char* name);

// A "language" field, when present, is "" or a language Printline has texts in; else 422.
void check_language_field(const nlohmann::json& body);

// D12: a quota limit is at most this many pages or cents (a typo, not a policy, beyond).
inline constexpr std::int64_t kMaxQuotaLimit = 100'000'000;

// A "quota" field, when present, is null or {period, page_limit, cost_limit_cents} with
// limits null or 0..kMaxQuotaLimit: only limits are written, usage belongs to accounting.
void check_quota_field(const nlohmann::json& body);

}  // namespace printline::server
