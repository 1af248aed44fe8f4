// Log-in, log-out and "who am I" (docs/api.md, Session): what the desktop client asks first
// and caches for offline use (balance, quota, printer history for D2 and D5).

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "model/json.h"
#include "server/api_route.h"
#include "server/request_auth.h"
#include "store/api_token.h"

namespace printline::server {
namespace {

constexpr std::chrono::seconds kTokenLifetime = std::chrono::hours(24 * 30);

void login(ApiCall& call) {
  const auto body = call.json_body();
  const std::string login = string_field(body, "login");
  const std::string password = string_field(body, "password");
  auto auth = authenticate_password(call.request.remote_addr, login, password, call.context);
  if (!auth.ok()) throw authentication_error(auth);
  auto token = read_or_throw(call.context.store.issue_token(auth.user->id, kTokenLifetime));
  send_json(call.response, {{"token", token.token},
                            {"expires_at", model::format_timestamp(token.expires_at)},
                            {"user", *auth.user}});
}

void logout(ApiCall& call) {
  // Only the token of this request: the user's other sessions (another workstation's desktop
  // client, the CLI) stay logged in. HTTP Basic has no session, so there is nothing to end.
  const std::string header = call.request.get_header_value("Authorization");
  if (header.starts_with("Bearer ")) {
    write_or_throw(call.context.store.revoke_token_hash(store::hash_token_text(header.substr(7))));
  }
  send_no_content(call.response);
}

nlohmann::json printers_used(store::Store& store, std::int64_t user_id) {
  auto history = read_or_throw(store.printer_history(user_id));
  std::sort(history.begin(), history.end(),
            [](const auto& a, const auto& b) { return a.last_used > b.last_used; });
  std::map<std::int64_t, std::string> names;
  for (const auto& printer : read_or_throw(store.list_printers())) names[printer.id] = printer.name;
  nlohmann::json used = nlohmann::json::array();
  for (const auto& use : history) {
    auto name = names.find(use.printer_id);
    used.push_back(
        {{"printer_id", use.printer_id},
         {"name", name == names.end() ? nlohmann::json(nullptr) : nlohmann::json(name->second)},
         {"jobs", use.jobs},
         {"last_used", model::format_timestamp(use.last_used)}});
  }
  return used;
}

void me(ApiCall& call) {
  // Re-read: the token check may have used a cached row, and the balance must be current.
  auto user = read_or_throw(call.context.store.find_user(call.caller().id));
  if (!user) throw unauthenticated("Your account no longer exists. Ask an administrator.");
  // The quota the user is held to: their own, else their group's (named in quota_group).
  nlohmann::json quota = nullptr;
  std::string quota_group;
  if (const auto& applies = user->effective_quota()) {
    quota = model::quota_at(*applies, model::now_seconds());
    if (!user->quota) quota_group = user->quota_group;
  }
  send_json(call.response, {{"user", *user},
                            {"balance_cents", user->balance_cents},
                            {"pays_with_credit", user->pays_with_credit},
                            {"quota", quota},
                            {"quota_group", quota_group},
                            {"currency", call.context.config.currency},
                            {"printers_used", printers_used(call.context.store, user->id)}});
}

}  // namespace

void add_session_routes(ApiRoutes& routes) {
  routes.push_back({"POST", "/api/v1/login", Access::kPublic, login});
  routes.push_back({"POST", "/api/v1/logout", Access::kUser, logout});
  routes.push_back({"GET", "/api/v1/me", Access::kUser, me});
}

}  // namespace printline::server
