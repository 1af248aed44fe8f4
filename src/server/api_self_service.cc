// What users change themselves: their language, their password and their PIN. The password
// and the PIN need the current password, so a session left open on someone else's screen
// cannot take the account over.

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_route.h"
#include "server/request_auth.h"
#include "server/user_fields.h"
#include "server/web_session_cookie.h"
#include "store/api_token.h"

namespace printline::server {
namespace {

using model::User;

// The current password proves it is the user; a wrong one is a 422 on its field (not a 401:
// the session itself is fine), and guesses are rate-limited like log-ins.
void require_current_password(ApiCall& call, const nlohmann::json& body) {
  const std::string current = string_field(body, "current_password");
  auto auth = authenticate_password(call.request.remote_addr, call.caller().login, current,
                                    call.context);
  if (auth.problem == AuthProblem::kRateLimited || auth.problem == AuthProblem::kStoreFailure ||
      auth.problem == AuthProblem::kDirectoryUnavailable) {
    throw authentication_error(auth);
  }
  if (!auth.ok() || auth.user->id != call.caller().id) {
    throw invalid(tr("Your current password is not this one. Type it again."), "current_password");
  }
}

// The hash of the token this request came with (Bearer or the web session's cookie); empty
// for HTTP Basic, which has none.
std::string presented_token_hash(const http::Request& request) {
  const std::string header = request.get_header_value("Authorization");
  if (header.starts_with("Bearer ")) return store::hash_token_text(header.substr(7));
  if (auto cookie = session_cookie_token(request)) return store::hash_token_text(*cookie);
  return {};
}

User current_user(ApiCall& call) {
  auto user = read_or_throw(call.context.store.find_user(call.caller().id));
  if (!user) throw unauthenticated("Your account no longer exists. Ask an administrator.");
  return *user;
}

void update_me(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"language"});
  check_language_field(body);
  User user = current_user(call);
  if (body.contains("language")) user.language = body["language"].get<std::string>();
  send_json(call.response, write_or_throw(call.context.store.update_user(user, call.actor())));
}

void change_password(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"current_password", "password"});
  require_current_password(call, body);
  const std::string password = checked_password(body);
  const User user = current_user(call);
  write_or_throw(call.context.store.set_password(user.id, password, call.actor()));
  // Whoever knew the old password is logged out everywhere but here.
  write_or_throw(
      call.context.store.revoke_other_tokens(user.id, presented_token_hash(call.request)));
  send_no_content(call.response);
}

void change_pin(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"current_password", "pin"});
  require_current_password(call, body);
  const auto pin = set_or_remove_field(body, "pin");
  auto status = call.context.store.set_pin(
      call.caller().id, pin ? std::optional<std::string_view>(*pin) : std::nullopt,
      call.actor());
  if (!status.ok()) throw invalid(status.error().message, "pin");
  send_no_content(call.response);
}

}  // namespace

void add_self_service_routes(ApiRoutes& routes) {
  routes.push_back({"PATCH", "/api/v1/me", Access::kUser, update_me});
  routes.push_back({"POST", "/api/v1/me/password", Access::kUser, change_password});
  routes.push_back({"POST", "/api/v1/me/pin", Access::kUser, change_pin});
}

}  // namespace printline::server
