#pragma once
// A named set of users: a Desktop Client profile assigned to it reaches its members (FP-1's
// "User groups"). Groups are local (made by an administrator) or come from a directory.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace printline::model {

struct UserGroup {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::vector<std::int64_t> member_ids;  // user ids, ascending

  bool operator==(const UserGroup&) const = default;
};

void to_json(nlohmann::json& j, const UserGroup& group);
void from_json(const nlohmann::json& j, UserGroup& group);

}  // namespace printline::model
