// Directory sync: one plan (store/directory_sync_plan.h) written in one transaction.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>

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

// Rows per multi-row INSERT: a first sync writes 100,000 accounts and as many memberships, and
// one statement per few hundred rows costs a fraction of one per row. 8 parameters a row stay
// far below SQLite's limit of 32,766.
constexpr std::size_t kRowsPerInsert = 256;

// "(…), (…), …": `rows` copies of `row`.
std::string repeated_rows(std::size_t rows, std::string_view row) {
  std::string text;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) text += ", ";
    text += row;
  }
  return text;
}

}  // namespace

Status SqlStore::apply_directory_sync(const DirectorySyncPlan& plan, const Actor& actor) {
  if (plan.source.empty()) return Error{"a directory sync needs the name of its source"};
  return write([&] {
    // An account or group made meanwhile by another sync of this source (another server node
    // sharing the database) is left to the next sync; one of anything else refuses the plan.
    std::set<std::string> made_meanwhile;
    auto made_elsewhere = [&](const DirectoryAccount& account) {
      auto existing = load_user_by_login(account.login);
      if (!existing || existing->source != plan.source) {
        throw Refusal{fmt::format(
            "directory \"{}\": user \"{}\" exists already and is not one of its accounts",
            plan.source, account.login)};
      }
      made_meanwhile.insert(account.login);
    };
    const std::span<const DirectoryAccount> to_create = plan.create;
    for (std::size_t start = 0; start < to_create.size(); start += kRowsPerInsert) {
      const auto batch =
          to_create.subspan(start, std::min(kRowsPerInsert, to_create.size() - start));
      std::set<std::string> created;
      bool refused = false;
      {
        Savepoint savepoint(db());
        try {
          auto q = db().query(
              "INSERT INTO users (login, name, email, role, password_hash, source, directory_dn, "
              "card_hash) VALUES " +
              repeated_rows(batch.size(), "(?, ?, ?, 'user', ?, ?, ?, ?)") +
              " ON CONFLICT (login) DO NOTHING RETURNING login");
          int i = 0;
          for (const auto& account : batch) {
            q.bind(++i, account.login);
            q.bind(++i, account.name);
            q.bind(++i, account.email);
            q.bind(++i, kNoStoredPassword);
            q.bind(++i, plan.source);
            q.bind(++i, account.dn);
            q.bind(++i, card_hash(account));
          }
          while (q.step()) created.insert(q.text(0));
          savepoint.release();
        } catch (const SqlError& e) {
          if (!e.is_constraint()) throw;
          refused = true;  // a card number is another user's: found below, row by row
        }
      }
      for (const auto& account : batch) {
        if (!refused) {
          if (!created.contains(account.login)) made_elsewhere(account);
          continue;
        }
        auto q = db().query(
            "INSERT INTO users (login, name, email, role, password_hash, source, directory_dn, "
            "card_hash) VALUES (?, ?, ?, 'user', ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING "
            "RETURNING id");
        q.bind_all(account.login, account.name, account.email, kNoStoredPassword, plan.source,
                   account.dn, card_hash(account));
        if (!insert_or_refuse(q, fmt::format("directory \"{}\": the card number of \"{}\" is "
                                             "another user's",
                                             plan.source, account.login))) {
          made_elsewhere(account);
        }
      }
    }
    for (const auto& account : plan.update) {
      auto q = db().query(fmt::format(
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
    }
    for (const auto& login : plan.enable) {
      db()
          .query(
              "UPDATE users SET disabled = ?, disabled_by_directory = ? "
              "WHERE login = ? AND source = ? AND disabled_by_directory = ?")
          .bind_all(false, false, login, plan.source, true)
          .run();
    }
    for (const auto& login : plan.disable) {
      db()
          .query(
              "UPDATE users SET disabled = ?, disabled_by_directory = ? "
              "WHERE login = ? AND source = ? AND disabled = ?")
          .bind_all(true, true, login, plan.source, false)
          .run();
    }

    // Groups, then the initial credit of the accounts just created: the largest of their groups'.
    // Members are this source's accounts, found by login in one query, not one per member.
    std::map<std::string, std::int64_t> id_of;
    if (!plan.create_groups.empty() || !plan.update_groups.empty()) {
      auto q = db().query("SELECT login, id FROM users WHERE source = ?");
      q.bind_all(plan.source);
      while (q.step()) id_of.emplace(q.text(0), q.integer(1));
    }
    std::map<std::string, std::int64_t> initial_credit;
    auto set_members = [&](std::int64_t group_id, const DirectoryGroup& group) {
      model::UserGroup members;
      members.id = group_id;
      members.name = group.name;
      for (const auto& login : group.member_logins) {
        if (auto id = id_of.find(login); id != id_of.end())
          members.member_ids.push_back(id->second);
      }
      std::sort(members.member_ids.begin(), members.member_ids.end());
      save_user_group_members(members);
    };
    for (const auto& group : plan.create_groups) {
      auto q = db().query(
          "INSERT INTO user_groups (name, description, source) VALUES (?, ?, ?) "
          "ON CONFLICT (name) DO NOTHING RETURNING id");
      q.bind_all(group.name, fmt::format("from directory {}", plan.source), plan.source);
      if (const auto id = insert_or_refuse(q, "")) {
        set_members(*id, group);
        continue;
      }
      std::int64_t existing_id = 0;
      {
        auto existing = db().query("SELECT id, source FROM user_groups WHERE name = ?");
        existing.bind_all(group.name);
        if (!existing.step() || existing.text(1) != plan.source) {
          throw Refusal{
              fmt::format("directory \"{}\": a group named \"{}\" exists already and "
                          "is not one of its groups",
                          plan.source, group.name)};
        }
        existing_id = existing.integer(0);
      }
      set_members(existing_id, group);
    }
    for (const auto& group : plan.update_groups) {
      auto q = db().query(
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
      if (made_meanwhile.contains(account.login)) continue;  // credited by the sync that made it
      const auto credit = initial_credit.find(account.login);
      if (credit == initial_credit.end() || credit->second <= 0) continue;
      auto user = load_user_by_login(account.login);
      append_ledger(*user, model::LedgerKind::kTopUp, credit->second, std::nullopt, std::nullopt,
                    actor.login, "initial credit of the account's group");
    }
    // One audit entry for the sync: its counts and the logins and groups it changed (the
    // first 1,000 of each list). An entry per account would double a large first sync's time.
    audit(actor, "directory-sync", "directory", plan.source, nlohmann::json(plan).dump());
    return std::monostate{};
  });
}

}  // namespace printline::store::sql
