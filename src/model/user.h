#pragma once
// A person who prints or administers (SPEC §3). Money is in integer cents throughout.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/quota.h"

namespace printline::model {

enum class Role { kUser, kAdmin };

struct User {
  std::int64_t id = 0;
  std::string login;
  std::string name;
  std::string email;
  Role role = Role::kUser;
  std::string password_hash;            // Argon2id string (crypto_pwhash_str); never in JSON
  std::optional<std::string> pin_hash;  // Argon2id too; never in JSON
  std::int64_t balance_cents = 0;
  // False for accounts that are not charged against a credit (only quota applies).
  bool pays_with_credit = true;
  std::optional<Quota> quota;

  bool operator==(const User&) const = default;
};

// JSON carries no hashes: it goes to the REST API and to client caches. "has_pin" tells
// whether a PIN is set.
void to_json(nlohmann::json& j, Role role);
void from_json(const nlohmann::json& j, Role& role);
void to_json(nlohmann::json& j, const User& user);
void from_json(const nlohmann::json& j, User& user);

}  // namespace printline::model
