// Users, passwords, PINs and badges.

#include <fmt/format.h>

#include "core/i18n.h"
#include "store/api_token.h"
#include "store/card_number.h"
#include "store/password_hash.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::User;

namespace {

std::optional<std::string> user_problem(const User& user) {
  if (!model::is_valid_login(user.login)) {
    return trf("login \"{login}\" must be non-empty, without spaces, '/' or ':'",
               fmt::arg("login", user.login));
  }
  if (user.quota) {
    if (auto problem = model::quota_limits_problem(*user.quota)) return problem;
  }
  if (!user.language.empty() && !model::is_known_language(user.language)) {
    return trf("language \"{language}\" is not one Printline has texts in: use en, fr or none",
               fmt::arg("language", user.language));
  }
  return std::nullopt;
}

// Spends on an unknown login the time a wrong password costs, so that response times do not
// tell which logins exist.
void verify_against_dummy(HashCost cost, std::string_view password) {
  const auto dummy = [](HashCost c) {
    auto hash = hash_password("printline-dummy", c);
    return hash ? *hash : std::string();
  };
  static const std::string interactive = dummy(HashCost::kInteractive);
  static const std::string minimum = dummy(HashCost::kMinimum);
  verify_password(cost == HashCost::kMinimum ? minimum : interactive, password);
}

// The user as written to the audit log: the JSON form, which carries no hashes.
std::string audit_details(const User& user) { return nlohmann::json(user).dump(); }

}  // namespace

std::optional<User> SqlStore::load_user(std::int64_t user_id) {
  auto q = db().query(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns));
  q.bind_all(user_id);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

User SqlStore::require_user(std::int64_t user_id) {
  auto user = load_user(user_id);
  if (!user) throw Refusal{trf("there is no user with id {id}", fmt::arg("id", user_id))};
  return *user;
}

User SqlStore::require_user_for_update(std::int64_t user_id) {
  // The row lock (PostgreSQL) keeps two transactions from both reading the old balance.
  auto q = db().query(fmt::format("SELECT {} FROM users WHERE id = ?{}", kUserColumns,
                                         writer_->dialect().for_update));
  q.bind_all(user_id);
  if (!q.step()) throw Refusal{trf("there is no user with id {id}", fmt::arg("id", user_id))};
  User user = read_user(q);
  attach_group_quotas({&user, 1});
  return user;
}

std::optional<User> SqlStore::load_user_by_login(std::string_view login) {
  auto q = db().query(fmt::format("SELECT {} FROM users WHERE login = ?", kUserColumns));
  q.bind_all(login);
  if (!q.step()) return std::nullopt;
  return read_user(q);
}

Result<User> SqlStore::create_user(const User& user, std::string_view password,
                                   const Actor& actor) {
  if (auto problem = user_problem(user)) return Error{*problem};
  auto hash = hash_password(password, options_.hash_cost);  // slow: outside the lock
  if (!hash) return hash.error();
  return write([&] {
    User stored = user;
    stored.id = 0;
    stored.password_hash = *hash;
    stored.pin_hash.reset();
    stored.balance_cents = 0;  // money only moves through the ledger
    if (stored.quota) stored.quota = model::quota_at(*stored.quota, options_.clock());
    auto q = db().query(
        "INSERT INTO users (login, name, email, role, password_hash, pays_with_credit, "
        "quota_period, quota_page_limit, quota_cost_limit_cents, quota_used_pages, "
        "quota_used_cost_cents, quota_period_start, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    const auto& quota = stored.quota;
    const auto limits = quota_limit_columns(quota);
    q.bind_all(stored.login, stored.name, stored.email,
               stored.role == model::Role::kAdmin ? "admin" : "user", stored.password_hash,
               stored.pays_with_credit, limits.period, limits.page_limit,
               limits.cost_limit_cents, quota ? quota->used_pages : 0,
               quota ? quota->used_cost_cents : 0, quota ? to_unix(quota->period_start) : 0,
               stored.language);
    stored.id =
        *insert_or_refuse(q, trf("a user with login \"{login}\" already exists",
                                 fmt::arg("login", stored.login)));
    audit(actor, "create", "user", stored.login, audit_details(stored));
    return stored;
  });
}

Result<User> SqlStore::update_user(const User& user, const Actor& actor) {
  if (auto problem = user_problem(user)) return Error{*problem};
  return write([&] {
    User stored = require_user_for_update(user.id);
    stored.login = user.login;
    stored.name = user.name;
    stored.email = user.email;
    stored.role = user.role;
    stored.pays_with_credit = user.pays_with_credit;
    stored.language = user.language;
    if (stored.disabled != user.disabled) {  // an administrator's decision, not a sync's
      stored.disabled = user.disabled;
      stored.disabled_by_directory = false;
    }
    // Limits come from the caller; usage stays what accounting says, also when the user moves
    // between their group's quota and one of their own of the same period.
    const std::optional<model::Quota> current = stored.effective_quota();
    if (user.quota) {
      model::Quota quota = model::quota_at(current.value_or(model::Quota{}), options_.clock());
      if (!current || current->period != user.quota->period) {
        model::Quota fresh;  // a new period kind starts with no usage
        fresh.period = user.quota->period;
        quota = model::quota_at(fresh, options_.clock());
      }
      quota.page_limit = user.quota->page_limit;
      quota.cost_limit_cents = user.quota->cost_limit_cents;
      stored.quota = quota;
    } else {
      stored.quota.reset();
    }
    const auto limits = quota_limit_columns(stored.quota);
    const model::Quota usage = stored.effective_quota().value_or(model::Quota{});
    auto q = db().query(
        "UPDATE users SET login = ?, name = ?, email = ?, role = ?, pays_with_credit = ?, "
        "quota_period = ?, quota_page_limit = ?, quota_cost_limit_cents = ?, "
        "quota_used_pages = ?, quota_used_cost_cents = ?, quota_period_start = ?, language = ?, "
        "disabled = ?, disabled_by_directory = ? WHERE id = ?");
    q.bind_all(stored.login, stored.name, stored.email,
               stored.role == model::Role::kAdmin ? "admin" : "user", stored.pays_with_credit,
               limits.period, limits.page_limit, limits.cost_limit_cents, usage.used_pages,
               usage.used_cost_cents, to_unix(usage.period_start), stored.language,
               stored.disabled, stored.disabled_by_directory, stored.id);
    run_or_refuse(q, trf("a user with login \"{login}\" already exists",
                         fmt::arg("login", stored.login)));
    stored = require_user_for_update(stored.id);  // the group quota's usage follows
    audit(actor, "update", "user", stored.login, audit_details(stored));
    return stored;
  });
}

Status SqlStore::delete_user(std::int64_t user_id, const Actor& actor) {
  return write([&] {
    User user = require_user(user_id);
    auto q = db().query("DELETE FROM users WHERE id = ?");
    q.bind_all(user_id);
    run_or_refuse(q, trf("user \"{login}\" has jobs or ledger entries, which accounting must "
                         "keep: remove their rights instead of deleting the account",
                         fmt::arg("login", user.login)));
    audit(actor, "delete", "user", user.login, "");
    return std::monostate{};
  });
}

Result<std::optional<User>> SqlStore::find_user(std::int64_t user_id) {
  return read([&] { return with_group_quota(load_user(user_id)); });
}

Result<std::optional<User>> SqlStore::find_user_by_login(std::string_view login) {
  return read([&] { return with_group_quota(load_user_by_login(login)); });
}

std::optional<User> SqlStore::with_group_quota(std::optional<User> user) {
  if (user) attach_group_quotas({&*user, 1});
  return user;
}

Result<std::vector<User>> SqlStore::list_users() {
  return read([&] {
    std::vector<User> users;
    auto q = db().query(fmt::format("SELECT {} FROM users ORDER BY login", kUserColumns));
    while (q.step()) users.push_back(read_user(q));
    attach_group_quotas(users);
    return users;
  });
}

Status SqlStore::set_password(std::int64_t user_id, std::string_view password, const Actor& actor) {
  auto hash = hash_password(password, options_.hash_cost);
  if (!hash) return hash.error();
  return write([&] {
    User user = require_user(user_id);
    if (user.is_directory_account()) {
      throw Refusal{trf("{login}'s password is kept by directory \"{directory}\": change it there",
                        fmt::arg("login", user.login), fmt::arg("directory", user.source))};
    }
    db().query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind_all(*hash, user_id)
        .run();
    audit(actor, "set-password", "user", user.login, "");
    return std::monostate{};
  });
}

Status SqlStore::set_pin(std::int64_t user_id, std::optional<std::string_view> pin,
                         const Actor& actor) {
  std::optional<std::string> hash;
  if (pin) {
    if (pin->size() < 4 || pin->find_first_not_of("0123456789") != std::string_view::npos) {
      return Error{tr("a PIN must be at least 4 digits")};
    }
    auto h = hash_password(*pin, options_.hash_cost);
    if (!h) return h.error();
    hash = *h;
  }
  return write([&] {
    User user = require_user(user_id);
    db().query("UPDATE users SET pin_hash = ? WHERE id = ?").bind_all(hash, user_id).run();
    audit(actor, pin ? "set-pin" : "clear-pin", "user", user.login, "");
    return std::monostate{};
  });
}

Status SqlStore::set_card(std::int64_t user_id, std::optional<std::string_view> card,
                          const Actor& actor) {
  std::optional<std::string> hash;
  if (card) {
    hash = card_number_hash(*card);
    if (!hash) return Error{tr("a card number is 4 to 64 letters and digits")};
  }
  return write([&] {
    User user = require_user(user_id);
    auto q = db().query("UPDATE users SET card_hash = ? WHERE id = ?");
    q.bind_all(hash, user_id);
    run_or_refuse(q, tr("this card number is another user's: remove it there first"));
    audit(actor, card ? "set-card" : "clear-card", "user", user.login, "");
    return std::monostate{};
  });
}

Result<std::optional<User>> SqlStore::find_user_by_card(std::string_view card) {
  const auto hash = card_number_hash(card);
  if (!hash) return std::optional<User>{};
  return read([&]() -> std::optional<User> {
    auto q =
        db().query(fmt::format("SELECT {} FROM users WHERE card_hash = ?", kUserColumns));
    q.bind_all(*hash);
    if (!q.step()) return std::nullopt;
    auto user = read_user(q);
    if (user.disabled) return std::nullopt;
    return with_group_quota(user);
  });
}

Result<std::optional<User>> SqlStore::verify_login(std::string_view login,
                                                   std::string_view password) {
  auto user = find_user_by_login(login);
  if (!user) return user;
  if (!*user) {
    verify_against_dummy(options_.hash_cost, password);
    return user;
  }
  // A directory account's password is the directory's (the server binds to check it); a
  // disabled account's is refused. Both still cost the time of a wrong password.
  if ((*user)->disabled || (*user)->is_directory_account()) {
    verify_against_dummy(options_.hash_cost, password);
    return std::optional<User>{};
  }
  // Verified outside the lock: Argon2id is deliberately slow.
  if (!verify_password((*user)->password_hash, password)) return std::optional<User>{};
  return user;
}

Result<std::optional<User>> SqlStore::verify_pin(std::string_view login, std::string_view pin) {
  auto user = find_user_by_login(login);
  if (!user || !*user) return user;
  if ((*user)->disabled || !(*user)->pin_hash || !verify_password(*(*user)->pin_hash, pin)) {
    return std::optional<User>{};
  }
  return user;
}

}  // namespace printline::store::sql
