#include "model/user.h"

#include "core/i18n.h"
#include "model/json.h"

namespace printline::model {

bool is_valid_login(std::string_view login) {
  return !login.empty() && login.find_first_of(" \t\r\n/:") == std::string_view::npos;
}

bool is_known_language(std::string_view language) { return i18n::is_known_language(language); }

void to_json(nlohmann::json& j, Role role) { j = role == Role::kAdmin ? "admin" : "user"; }

void from_json(const nlohmann::json& j, Role& role) {
  const auto s = j.get<std::string>();
  if (s == "admin") {
    role = Role::kAdmin;
  } else if (s == "user") {
    role = Role::kUser;
  } else {
    throw nlohmann::json::other_error::create(501, "role must be admin or user", &j);
  }
}

void to_json(nlohmann::json& j, const User& user) {
  j = {{"id", user.id},
       {"login", user.login},
       {"name", user.name},
       {"email", user.email},
       {"role", user.role},
       {"has_pin", user.pin_hash.has_value()},
       {"has_card", user.card_hash.has_value()},
       {"balance_cents", user.balance_cents},
       {"pays_with_credit", user.pays_with_credit},
       {"quota", user.quota ? nlohmann::json(*user.quota) : nullptr},
       {"group_quota", user.group_quota ? nlohmann::json(*user.group_quota) : nullptr},
       {"quota_group", user.quota_group},
       {"language", user.language},
       {"source", user.source},
       {"directory_dn", user.directory_dn},
       {"disabled", user.disabled},
       {"disabled_by_directory", user.disabled_by_directory}};
}

void from_json(const nlohmann::json& j, User& user) {
  read_optional_field(j, "id", user.id);
  j.at("login").get_to(user.login);
  read_optional_field(j, "name", user.name);
  read_optional_field(j, "email", user.email);
  read_optional_field(j, "role", user.role);
  read_optional_field(j, "balance_cents", user.balance_cents);
  read_optional_field(j, "pays_with_credit", user.pays_with_credit);
  read_optional_field(j, "language", user.language);
  read_optional_field(j, "source", user.source);
  read_optional_field(j, "directory_dn", user.directory_dn);
  read_optional_field(j, "disabled", user.disabled);
  read_optional_field(j, "disabled_by_directory", user.disabled_by_directory);
  user.quota.reset();
  if (j.contains("quota") && !j["quota"].is_null()) user.quota = j["quota"].get<Quota>();
  // Read for clients' copies; the store never writes it (it follows the groups).
  user.group_quota.reset();
  if (j.contains("group_quota") && !j["group_quota"].is_null()) {
    user.group_quota = j["group_quota"].get<Quota>();
  }
  read_optional_field(j, "quota_group", user.quota_group);
}

}  // namespace printline::model
