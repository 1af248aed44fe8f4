#pragma once
// A named set of users: a Desktop Client profile assigned to it reaches its members (FP-1's
// "User groups"). Groups are local (made by an administrator) or come from a directory.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/quota.h"

namespace printline::model {

struct UserGroup {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::vector<std::int64_t> member_ids;  // user ids, ascending
  // Empty for a local group, else the directory source it is synchronised from (its members
  // then follow the directory, and a local edit is overwritten by the next sync).
  std::string source;
  // Credit a new directory account starts with when it is a member (the largest of its
  // groups'), written to the ledger as a top-up by the sync that creates it.
  std::int64_t initial_credit_cents = 0;
  // The quota (period and limits; usage is each member's own) of members who have none of
  // their own; see User::group_quota for which group's applies.
  std::optional<Quota> quota;

  bool operator==(const UserGroup&) const = default;
};

void to_json(nlohmann::json& j, const UserGroup& group);
void from_json(const nlohmann::json& j, UserGroup& group);

}  // namespace printline::model
