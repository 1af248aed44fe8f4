#pragma once
// Checks of a user's own settings wherever they are written: by an administrator
// (api_users.cc) or by the user (api_self_service.cc).

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

}  // namespace printline::server
