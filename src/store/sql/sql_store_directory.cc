// Directory sync: one plan (store/directory_sync_plan.h) written in one transaction.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "store/card_number.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

namespace {

// Directory accounts have no stored password: this is no Argon2id string, so nothing verifies
// against it (and verify_login refuses directory accounts before trying).
constexpr const char* kNoStoredPassword = "!directory";

// An unusable card number is left out (the planner warned about it).
std::optional<std::string> card_hash(const DirectoryAccount& account) {
  return account.card_number ? card_number_hash(*account.card_number) : std::nullopt;
}

std::string audit_details(const DirectoryAccount& account) {
  return nlohmann::json{{"name", account.name}, {"email", account.email}, {"dn", account.dn}}
      .dump();
}

}  // namespace

Status SqlStore::apply_directory_sync(const DirectorySyncPlan& plan, const Actor& actor) {
  if (plan.source.empty()) return Error{"a directory sync needs the name of its source"};
  return write([&] {
    for (const auto& account : plan.create) {
      auto q = connection_.query(
          "INSERT INTO users (login, name, email, role, password_hash, source, directory_dn, "
          "card_hash) VALUES (?, ?, ?, 'user', ?, ?, ?, ?) RETURNING id");
      q.bind_all(account.login, account.name, account.email, kNoStoredPassword, plan.source,
                 account.dn, card_hash(account));
      insert_or_refuse(q, fmt::format("directory \"{}\": user \"{}\" exists already, or their "
                                      "card number is another user's",
                                      plan.source, account.login));
      audit(actor, "create", "user", account.login, audit_details(account));
    }
    for (const auto& account : plan.update) {
      auto q = connection_.query(fmt::format(
          "UPDATE users SET name = ?, email = ?, directory_dn = ?{} WHERE login = ? AND source = ?",
          plan.manages_cards ? ", card_hash = ?" : ""));
      if (plan.manages_cards) {
        q.bind_all(account.name, account.email, account.dn, card_hash(account), account.login,
                   plan.source);
      } else {
        q.bind_all(account.name, account.email, account.dn, account.login, plan.source);
      }
      run_or_refuse(q, fmt::format("directory \"{}\": the card number of \"{}\" is another "
                                   "user's",
                                   plan.source, account.login));
      audit(actor, "update", "user", account.login, audit_details(account));
    }
    for (const auto& login : plan.enable) {
      connection_
          .query("UPDATE users SET disabled = ?, disabled_by_directory = ? "
                 "WHERE login = ? AND source = ? AND disabled_by_directory = ?")
          .bind_all(false, false, login, plan.source, true)
          .run();
      audit(actor, "enable", "user", login,
            fmt::format("listed again by directory \"{}\"", plan.source));
    }
    for (const auto& login : plan.disable) {
      connection_
          .query("UPDATE users SET disabled = ?, disabled_by_directory = ? "
                 "WHERE login = ? AND source = ? AND disabled = ?")
          .bind_all(true, true, login, plan.source, false)
          .run();
      audit(actor, "disable", "user", login,
            fmt::format("no longer listed by directory \"{}\"", plan.source));
    }

    // Groups, then the initial credit of the accounts just created: the largest of their groups'.
    std::map<std::string, std::int64_t> initial_credit;
    auto set_members = [&](std::int64_t group_id, const DirectoryGroup& group) {
      model::UserGroup members;
      members.id = group_id;
      members.name = group.name;
      for (const auto& login : group.member_logins) {
        auto user = load_user_by_login(login);
        if (user) members.member_ids.push_back(user->id);
      }
      std::sort(members.member_ids.begin(), members.member_ids.end());
      save_user_group_members(members);
      audit(actor, "set-members", "user-group", group.name,
            nlohmann::json(group.member_logins).dump());
    };
    for (const auto& group : plan.create_groups) {
      auto q = connection_.query(
          "INSERT INTO user_groups (name, description, source) VALUES (?, ?, ?) RETURNING id");
      q.bind_all(group.name, fmt::format("from directory {}", plan.source), plan.source);
      const auto id = *insert_or_refuse(
          q, fmt::format("directory \"{}\": a group named \"{}\" exists already", plan.source,
                         group.name));
      audit(actor, "create", "user-group", group.name, "");
      set_members(id, group);
    }
    for (const auto& group : plan.update_groups) {
      auto q = connection_.query(
          "SELECT id, initial_credit_cents FROM user_groups WHERE name = ? AND source = ?");
      q.bind_all(group.name, plan.source);
      if (!q.step()) {
        throw Refusal{fmt::format("directory \"{}\": group \"{}\" is no longer one of its groups",
                                  plan.source, group.name)};
      }
      const auto id = q.integer(0);
      const auto credit = q.integer(1);
      for (const auto& login : group.member_logins) {
        auto& best = initial_credit[login];
        best = std::max(best, credit);
      }
      set_members(id, group);
    }
    for (const auto& account : plan.create) {
      const auto credit = initial_credit.find(account.login);
      if (credit == initial_credit.end() || credit->second <= 0) continue;
      auto user = load_user_by_login(account.login);
      append_ledger(*user, model::LedgerKind::kTopUp, credit->second, std::nullopt, std::nullopt,
                    actor.login, "initial credit of the account's group");
    }
    return std::monostate{};
  });
}

}  // namespace printline::store::sql
