// Registers the API's route table on the listener, with authentication and the role check
// done here, once, for every route.

#include "server/api_routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <any>
#include <optional>

#include "core/i18n.h"
#include "server/request_auth.h"

namespace printline::server {
namespace {

// Who calls, and whether they may: decided from the headers, on the worker pool, before a
// byte of the body is read (an upload from a stranger is never buffered).
std::optional<http::Response> authorize(const ApiRoute& route, ServerContext& context,
                                        http::Request& request) {
  try {
    i18n::LanguageScope asked(
        i18n::language_of_accept_language(request.get_header_value("Accept-Language")));
    auto auth = authenticate_request(request, context);
    if (!auth.ok()) throw authentication_error(auth);
    i18n::LanguageScope theirs(auth.user->language);
    if (route.access == Access::kAdmin && auth.user->role != model::Role::kAdmin) {
      throw forbidden(trf("{method} {path} is for administrators and \"{login}\" is not one. "
                          "Ask an administrator.",
                          fmt::arg("method", request.method), fmt::arg("path", request.path),
                          fmt::arg("login", auth.user->login)));
    }
    request.authorized = std::move(*auth.user);
    return std::nullopt;
  } catch (const ApiError& error) {
    http::Response refused;
    send_error(refused, error);
    return refused;
  }
}

void run(const ApiRoute& route, ServerContext& context, const http::Request& request,
         http::Response& response) {
  ApiCall call{request, response, context, std::nullopt};
  // In the caller's language (D14): their account's, else their browser's.
  i18n::LanguageScope asked(
      i18n::language_of_accept_language(request.get_header_value("Accept-Language")));
  std::optional<i18n::LanguageScope> theirs;
  try {
    if (route.access != Access::kPublic) {
      call.user = std::any_cast<model::User>(request.authorized);  // authorize() ran first
      theirs.emplace(call.user->language);
    }
    // A write that carries a body, or says what it carries, must say JSON (415 otherwise),
    // even on routes that ignore the body: a cross-site form cannot send that type.
    if (request.method != "GET" &&
        (!request.body.empty() || request.has_header("Content-Type"))) {
      require_json_content_type(request);
    }
    route.handler(call);
  } catch (const ApiError& error) {
    send_error(response, error);
  } catch (const nlohmann::json::exception& e) {
    send_error(response, bad_request(trf("The request has a wrong value ({problem}). Check it "
                                         "against docs/api.md.",
                                         fmt::arg("problem", e.what()))));
  } catch (const std::exception& e) {
    spdlog::error("[api] {} {}: {}", request.method, request.path, e.what());
    send_error(response, internal(Error{e.what()}));
  }
}

}  // namespace

ApiRoutes api_route_table() {
  ApiRoutes routes;
  add_session_routes(routes);
  add_profile_routes(routes);
  add_user_routes(routes);
  add_printer_routes(routes);
  add_group_and_queue_routes(routes);
  add_user_group_routes(routes);
  add_directory_routes(routes);
  add_self_service_routes(routes);
  add_release_station_routes(routes);
  add_price_list_routes(routes);
  add_job_routes(routes);
  add_fallback_accounting_routes(routes);
  add_report_routes(routes);
  add_fallback_test_routes(routes);
  add_client_report_routes(routes);
  return routes;
}

void register_api_routes(http::RouteTable& routes, ServerContext& context) {
  for (auto& route : api_route_table()) {
    auto shared = std::make_shared<ApiRoute>(std::move(route));
    http::Authorizer authorizer;
    if (shared->access != Access::kPublic) {
      authorizer = [shared, &context](http::Request& request) {
        return authorize(*shared, context, request);
      };
    }
    routes.add(
        shared->method, shared->pattern, http::RouteClass::json(),
        [shared, &context](http::Request& request, http::Response& response) {
          run(*shared, context, request, response);
        },
        std::move(authorizer));
  }
  // Anything else under /api/v1 gets the API's error shape rather than an empty 404.
  const auto no_route = [](http::Request& request, http::Response& response) {
    i18n::LanguageScope asked(
        i18n::language_of_accept_language(request.get_header_value("Accept-Language")));
    send_error(response, not_found(trf("There is no route {method} {path}. docs/api.md lists the "
                                       "routes of /api/v1.",
                                       fmt::arg("method", request.method),
                                       fmt::arg("path", request.path))));
  };
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    routes.add(method, R"(/api/v1(/.*)?)", http::RouteClass::json(), no_route);
  }
}

}  // namespace printline::server
