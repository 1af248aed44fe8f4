#pragma once
// One directory sync's changes: src/directory plans them from what the directory lists and what
// the store holds; Store::apply_directory_sync writes them in one transaction. A dry run shows
// the plan without applying it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace printline::store {

// A user as the directory lists it.
struct DirectoryAccount {
  std::string login;
  std::string name;
  std::string email;
  std::string dn;
  std::optional<std::string> card_number;  // as the directory has it; stored hashed

  bool operator==(const DirectoryAccount&) const = default;
};

// A group as the directory lists it, with its members' logins (sorted).
struct DirectoryGroup {
  std::string name;
  std::vector<std::string> member_logins;

  bool operator==(const DirectoryGroup&) const = default;
};

struct DirectorySyncPlan {
  std::string source;
  // Whether badges come from the directory: if not, an update leaves the card number alone.
  bool manages_cards = false;
  std::vector<DirectoryAccount> create;
  // Accounts whose name, e-mail, DN or card changed.
  std::vector<DirectoryAccount> update;
  // Accounts a sync disabled that the directory lists again (an administrator's disabling
  // stands).
  std::vector<std::string> enable;
  // Accounts of this source the directory no longer lists: only a complete listing disables.
  std::vector<std::string> disable;
  std::vector<DirectoryGroup> create_groups;
  std::vector<DirectoryGroup> update_groups;  // members changed
  std::vector<std::string> warnings;          // what was left alone, and why
  std::int64_t unchanged = 0;                 // accounts listed and already up to date

  bool changes_nothing() const {
    return create.empty() && update.empty() && enable.empty() && disable.empty() &&
           create_groups.empty() && update_groups.empty();
  }
};

// Counts, and the logins and group names (the first 1,000 of each list, so a first sync of a
// large directory stays a readable answer).
void to_json(nlohmann::json& j, const DirectorySyncPlan& plan);

}  // namespace printline::store
