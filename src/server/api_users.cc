// Users, for administrators: CRUD, credit top-ups, password and PIN resets, role and quota
// (through PATCH), and the ledger.

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_route.h"
#include "server/user_fields.h"

namespace printline::server {
namespace {

using model::User;

User find_user(ApiCall& call, const std::string& reference) {
  auto& store = call.context.store;
  auto found = as_id(reference) ? read_or_throw(store.find_user(*as_id(reference)))
                                : read_or_throw(store.find_user_by_login(reference));
  if (!found) {
    throw not_found(trf("There is no user \"{user}\". GET /api/v1/users lists them.",
                        fmt::arg("user", reference)));
  }
  return *found;
}

void list(ApiCall& call) {
  send_json(call.response, {{"users", read_or_throw(call.context.store.list_users())}});
}

// The user with the names of their groups (which decide their Desktop Client profile).
void get(ApiCall& call) {
  auto user = find_user(call, call.path_part(1));
  nlohmann::json answer = user;
  answer["groups"] = read_or_throw(call.context.store.groups_of(user.login));
  send_json(call.response, answer);
}

void create(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"login", "password", "name", "email", "role", "pays_with_credit",
                              "quota", "language"});
  check_quota_field(body);
  check_language_field(body);
  const std::string login = string_field(body, "login");
  if (login.empty()) throw invalid(tr("The login is empty: give the user a login."), "login");
  const std::string password = checked_password(body);
  body.erase("password");
  User user = merge_fields(User{}, body);
  auto created = write_or_throw(call.context.store.create_user(user, password, call.actor()));
  send_json(call.response, created, 201);
}

void update(ApiCall& call) {
  User current = find_user(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, {"name", "email", "role", "pays_with_credit", "quota", "language",
                              "disabled"});
  check_quota_field(body);
  check_language_field(body);
  User user = merge_fields(current, body);
  if (user.id == call.caller().id && user.role != current.role) {
    // Keeps the system from losing its last administrator by a slip of the hand.
    throw conflict(tr("You cannot change your own role. Ask another administrator."));
  }
  if (user.id == call.caller().id && user.disabled) {
    throw conflict(tr("You cannot disable your own account. Ask another administrator."));
  }
  if (user.quota && current.quota) {  // keep the period's usage: only limits change here
    user.quota->used_pages = current.quota->used_pages;
    user.quota->used_cost_cents = current.quota->used_cost_cents;
    user.quota->period_start = current.quota->period_start;
  }
  send_json(call.response, write_or_throw(call.context.store.update_user(user, call.actor())));
}

void remove(ApiCall& call) {
  User user = find_user(call, call.path_part(1));
  if (user.id == call.caller().id) {
    throw conflict(tr("You cannot delete your own account. Ask another administrator."));
  }
  write_or_throw(call.context.store.delete_user(user.id, call.actor()));
  send_no_content(call.response);
}

void top_up(ApiCall& call) {
  User user = find_user(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, {"amount_cents", "note"});
  const auto cents = integer_field(body, "amount_cents");
  if (cents <= 0) {
    throw invalid(
        tr("A top-up must be a positive amount of cents (use refunds for the other way)."),
        "amount_cents");
  }
  const std::string note = body.contains("note") ? string_field(body, "note") : "";
  auto entry = write_or_throw(call.context.store.top_up(user.id, cents, note, call.actor()));
  auto updated = read_or_throw(call.context.store.find_user(user.id));
  send_json(call.response, {{"entry", entry}, {"user", updated ? *updated : user}});
}

void set_password(ApiCall& call) {
  User user = find_user(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, {"password"});
  const std::string password = checked_password(body);
  write_or_throw(call.context.store.set_password(user.id, password, call.actor()));
  // A reset password means whoever held the old one must log in again.
  write_or_throw(call.context.store.revoke_tokens_of(user.id));
  send_no_content(call.response);
}

using SecretSetter = Status (store::Store::*)(std::int64_t, std::optional<std::string_view>,
                                             const store::Actor&);

// POST /users/U/pin and /users/U/card (a badge for release stations): {"<field>": "…"} sets
// it, null removes it.
void set_secret(ApiCall& call, const char* field, SecretSetter setter) {
  User user = find_user(call, call.path_part(1));
  auto body = call.json_body();
  require_known_fields(body, {field});
  const auto value = set_or_remove_field(body, field);
  auto status = (call.context.store.*setter)(
      user.id, value ? std::optional<std::string_view>(*value) : std::nullopt, call.actor());
  if (!status.ok()) throw invalid(status.error().message, field);
  send_no_content(call.response);
}

void ledger(ApiCall& call) {
  User user = find_user(call, call.path_part(1));
  send_json(call.response, {{"entries", read_or_throw(call.context.store.ledger_of(user.id))}});
}

}  // namespace

void add_user_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/users", Access::kAdmin, list});
  routes.push_back({"POST", "/api/v1/users", Access::kAdmin, create});
  routes.push_back({"GET", R"(/api/v1/users/([^/]+))", Access::kAdmin, get});
  routes.push_back({"PATCH", R"(/api/v1/users/([^/]+))", Access::kAdmin, update});
  routes.push_back({"DELETE", R"(/api/v1/users/([^/]+))", Access::kAdmin, remove});
  routes.push_back({"POST", R"(/api/v1/users/([^/]+)/top-up)", Access::kAdmin, top_up});
  routes.push_back({"POST", R"(/api/v1/users/([^/]+)/password)", Access::kAdmin, set_password});
  routes.push_back({"POST", R"(/api/v1/users/([^/]+)/pin)", Access::kAdmin,
                    [](ApiCall& call) { set_secret(call, "pin", &store::Store::set_pin); }});
  routes.push_back({"POST", R"(/api/v1/users/([^/]+)/card)", Access::kAdmin,
                    [](ApiCall& call) { set_secret(call, "card", &store::Store::set_card); }});
  routes.push_back({"GET", R"(/api/v1/users/([^/]+)/ledger)", Access::kAdmin, ledger});
}

}  // namespace printline::server
