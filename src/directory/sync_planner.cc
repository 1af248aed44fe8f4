#include "directory/sync_planner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "store/card_number.h"

namespace printline::directory {
namespace {

using store::DirectoryAccount;
using store::DirectoryGroup;

// DNs compare without case and without the spaces after separators ("CN=A, DC=x" = "cn=a,dc=x").
std::string dn_key(const std::string& dn) {
  std::string key;
  bool after_separator = false;
  for (const unsigned char c : dn) {
    if (c == ' ' && after_separator) continue;
    after_separator = c == ',' || c == '=';
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

std::optional<std::string> card_hash(const std::optional<std::string>& card) {
  return card ? store::card_number_hash(*card) : std::nullopt;
}

bool differs(const DirectoryAccount& listed, const model::User& stored, bool has_cards) {
  return listed.name != stored.name || listed.email != stored.email ||
         listed.dn != stored.directory_dn ||
         (has_cards && card_hash(listed.card_number) != stored.card_hash);
}

}  // namespace

store::DirectorySyncPlan plan_sync(const std::string& source_name, const DirectoryListing& listing,
                                   const std::vector<model::User>& users,
                                   const std::vector<model::UserGroup>& groups) {
  store::DirectorySyncPlan plan;
  plan.source = source_name;
  plan.manages_cards = listing.has_cards;

  std::map<std::string, const model::User*> user_by_login;
  std::map<std::int64_t, const model::User*> user_by_id;
  std::map<std::string, std::string> login_by_dn;  // this source's accounts, by DN
  for (const auto& user : users) {
    user_by_login[user.login] = &user;
    user_by_id[user.id] = &user;
    if (user.source == source_name) login_by_dn[dn_key(user.directory_dn)] = user.login;
  }

  // Accounts.
  std::set<std::string> listed_logins;  // this source's, valid, after this run
  for (const auto& account : listing.accounts) {
    if (!model::is_valid_login(account.login)) {
      plan.warnings.push_back("entry \"" + account.dn + "\" has no usable login (\"" +
                              account.login + "\"): left out");
      continue;
    }
    if (!listed_logins.insert(account.login).second) {
      plan.warnings.push_back("login \"" + account.login + "\" is listed twice (\"" + account.dn +
                              "\" too): only the first entry is used");
      continue;
    }
    if (account.card_number && !store::card_number_hash(*account.card_number)) {
      plan.warnings.push_back("the card number of \"" + account.login +
                              "\" is not 4 to 64 letters and digits: not used");
    }
    const auto found = user_by_login.find(account.login);
    if (found == user_by_login.end()) {
      login_by_dn[dn_key(account.dn)] = account.login;
      plan.create.push_back(account);
      continue;
    }
    const model::User& stored = *found->second;
    if (stored.source != source_name) {
      listed_logins.erase(account.login);
      plan.warnings.push_back("\"" + account.login + "\" is " +
                              (stored.source.empty()
                                   ? std::string("a local account")
                                   : "an account of directory \"" + stored.source + "\"") +
                              ": left alone (rename or delete it to let this directory manage it)");
      continue;
    }
    login_by_dn[dn_key(account.dn)] = account.login;
    const bool enable = stored.disabled && stored.disabled_by_directory;
    if (enable) plan.enable.push_back(account.login);
    if (differs(account, stored, listing.has_cards)) {
      plan.update.push_back(account);
    } else if (!enable) {
      ++plan.unchanged;
    }
  }
  if (listing.complete) {
    std::vector<std::string> gone;
    for (const auto& user : users) {
      if (user.source == source_name && !user.disabled && !listed_logins.contains(user.login)) {
        gone.push_back(user.login);
      }
    }
    if (listing.accounts.empty() && !gone.empty()) {
      plan.warnings.push_back(
          "the directory listed no account at all: nobody was disabled "
          "(check base_dn and user_filter)");
    } else {
      plan.disable = std::move(gone);
    }
  }

  // Groups: members are this source's accounts, listed now or before.
  std::map<std::string, const model::UserGroup*> group_by_name;
  for (const auto& group : groups) group_by_name[group.name] = &group;
  auto member_account = [&](const std::string& member) -> std::optional<std::string> {
    if (listing.members_are_dns) {
      const auto found = login_by_dn.find(dn_key(member));
      if (found == login_by_dn.end()) return std::nullopt;
      return found->second;
    }
    const auto found = user_by_login.find(member);
    if (listed_logins.contains(member)) return member;
    if (found != user_by_login.end() && found->second->source == source_name) return member;
    return std::nullopt;
  };
  std::set<std::string> listed_groups;
  for (const auto& listed : listing.groups) {
    if (listed.name.empty() || !listed_groups.insert(listed.name).second) continue;
    DirectoryGroup group{listed.name, {}};
    std::set<std::string> members;
    for (const auto& member : listed.members) {
      if (auto login = member_account(member)) members.insert(*login);
    }
    group.member_logins.assign(members.begin(), members.end());
    const auto found = group_by_name.find(listed.name);
    if (found == group_by_name.end()) {
      plan.create_groups.push_back(std::move(group));
      continue;
    }
    const model::UserGroup& stored = *found->second;
    if (stored.source != source_name) {
      plan.warnings.push_back("group \"" + listed.name + "\" is " +
                              (stored.source.empty()
                                   ? std::string("a local group")
                                   : "a group of directory \"" + stored.source + "\"") +
                              ": left alone");
      continue;
    }
    std::set<std::string> current;
    for (auto id : stored.member_ids) {
      if (auto user = user_by_id.find(id); user != user_by_id.end()) {
        current.insert(user->second->login);
      }
    }
    if (current != members) plan.update_groups.push_back(std::move(group));
  }
  // A group of this source the directory no longer lists keeps its name (profiles may name it)
  // and loses its members.
  if (!listing.groups.empty()) {
    for (const auto& group : groups) {
      if (group.source == source_name && !listed_groups.contains(group.name) &&
          !group.member_ids.empty()) {
        plan.update_groups.push_back(DirectoryGroup{group.name, {}});
      }
    }
  }
  return plan;
}

}  // namespace printline::directory
