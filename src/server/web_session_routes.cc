#include "server/web_session_routes.h"

#include <spdlog/spdlog.h>

#include "core/i18n.h"
#include "model/json.h"
#include "server/api_route.h"
#include "server/web_session_auth.h"
#include "server/web_session_cookie.h"
#include "store/api_token.h"

namespace printline::server {
namespace {

void no_store(http::Response& response) { response.set_header("Cache-Control", "no-store"); }

void login(const http::Request& request, http::Response& response, ServerContext& context) {
  // Only JSON: a cross-site HTML form cannot send it, so no other site can log a browser into
  // an account of its choosing.
  if (request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    throw bad_request(tr("Send the login and password as JSON (Content-Type: application/json)."));
  }
  const ApiCall call{request, response, context, std::nullopt};
  const auto body = call.json_body();
  const std::string login = string_field(body, "login");
  const std::string password = string_field(body, "password");
  auto auth = authenticate_password(request.remote_addr, login, password, context);
  if (!auth.ok()) throw authentication_error(auth);
  auto token = read_or_throw(context.store.issue_token(auth.user->id, kWebSessionLifetime));
  response.set_header("Set-Cookie", session_cookie(token.token, context.config.tls()));
  send_json(response, {{"user", *auth.user},
                       {"csrf_token", csrf_token_for(token.token)},
                       {"expires_at", model::format_timestamp(token.expires_at)},
                       {"currency", context.config.currency}});
}

model::User session_user(const http::Request& request, ServerContext& context,
                         const std::string& token) {
  auto auth = authenticate_session_cookie(request, token, context.store);
  if (!auth.ok()) throw authentication_error(auth);
  return std::move(*auth.user);
}

void session(const http::Request& request, http::Response& response, ServerContext& context) {
  const auto token = session_cookie_token(request);
  if (!token) throw unauthenticated("You are not logged in. Log in with your login and password.");
  // Re-read the user: the balance and role shown must be current.
  const auto user = session_user(request, context, *token);
  auto fresh = read_or_throw(context.store.find_user(user.id));
  if (!fresh) throw unauthenticated("Your account no longer exists. Ask an administrator.");
  send_json(response, {{"user", *fresh},
                       {"csrf_token", csrf_token_for(*token)},
                       {"currency", context.config.currency}});
}

void logout(const http::Request& request, http::Response& response, ServerContext& context) {
  const auto token = session_cookie_token(request);
  if (!token) throw unauthenticated("You are not logged in, so there is nothing to log out of.");
  (void)session_user(request, context, *token);  // valid session and CSRF token, else refused
  // Only this browser's token: the user's desktop clients and other browsers stay logged in.
  write_or_throw(context.store.revoke_token_hash(store::hash_token_text(*token)));
  response.set_header("Set-Cookie", cleared_session_cookie(context.config.tls()));
  send_no_content(response);
}

// Runs a handler with the API's error answers.
template <typename Handler>
http::Handler guarded(Handler handler) {
  return [handler](http::Request& request, http::Response& response) {
    no_store(response);
    // The page's language (its fetches send the one chosen in its menu), D14.
    i18n::LanguageScope asked(
        i18n::language_of_accept_language(request.get_header_value("Accept-Language")));
    try {
      handler(request, response);
    } catch (const ApiError& error) {
      send_error(response, error);
    } catch (const std::exception& e) {
      spdlog::error("[web] {} {}: {}", request.method, request.path, e.what());
      send_error(response, internal(Error{e.what()}));
    }
  };
}

}  // namespace

void register_web_session_routes(http::RouteTable& routes, ServerContext& context) {
  routes.add("POST", "/web/login", http::RouteClass::json(),
             guarded([&context](const auto& request, auto& response) {
               login(request, response, context);
             }));
  routes.add("GET", "/web/session", http::RouteClass::none(),
             guarded([&context](const auto& request, auto& response) {
               session(request, response, context);
             }));
  routes.add("POST", "/web/logout", http::RouteClass::json(),
             guarded([&context](const auto& request, auto& response) {
               logout(request, response, context);
             }));
}

}  // namespace printline::server
