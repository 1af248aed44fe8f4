#pragma once
// A person who prints or administers (SPEC §3). Money is in integer cents throughout.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

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
  // BLAKE2b of the badge's card number (release stations identify users by it); never in JSON.
  std::optional<std::string> card_hash;
  std::int64_t balance_cents = 0;
  // False for accounts that are not charged against a credit (only quota applies).
  bool pays_with_credit = true;
  // The user's own quota; an administrator sets it, and it wins over any group's.
  std::optional<Quota> quota;
  // The quota of their most specific group that has one (the smallest group, then by name:
  // the rule profiles follow; docs/rules.md, "Which quota holds a user"), with this user's own
  // usage; it holds them when they have no quota of their own. The store fills it in on
  // reading and never writes it back: a group's members share its limits, each counting their
  // own pages and spending.
  std::optional<Quota> group_quota;
  std::string quota_group;  // the name of that group
  // The language texts are shown to this user in (D14): "en", "fr", or empty for the
  // browser's or the workstation's own.
  std::string language;
  // Where the account comes from: empty for a local account, else the name of the directory
  // source that synchronises it (src/directory), with the entry's DN. A directory account's
  // password is the directory's: it logs in by a bind, and none is stored here.
  std::string source;
  std::string directory_dn;
  // A disabled account cannot log in, authenticate a token, a PIN or a badge; its jobs and
  // ledger stay. Directory sync disables the accounts the directory no longer lists, and
  // enables them again when it lists them again; an account an administrator disabled stays
  // disabled whatever the directory says.
  bool disabled = false;
  bool disabled_by_directory = false;

  bool is_directory_account() const { return !source.empty(); }
  // What the user is held to: their own quota, else their group's, else none.
  const std::optional<Quota>& effective_quota() const { return quota ? quota : group_quota; }

  bool operator==(const User&) const = default;
};

// A login is non-empty, without white space, '/' or ':' (it goes into URLs and IPP names).
bool is_valid_login(std::string_view login);

// The languages Printline has texts in ("en", "fr"); a user's language is one of them or empty.
bool is_known_language(std::string_view language);

// JSON carries no hashes: it goes to the REST API and to client caches. "has_pin" and
// "has_card" tell whether a PIN and a card number are set.
void to_json(nlohmann::json& j, Role role);
void from_json(const nlohmann::json& j, Role& role);
void to_json(nlohmann::json& j, const User& user);
void from_json(const nlohmann::json& j, User& user);

}  // namespace printline::model
