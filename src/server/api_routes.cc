// Registers the API's route table on the listener, with authentication and the role check
// done here, once, for every route.

#include "server/api_routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "server/request_auth.h"

namespace printline::server {
namespace {

model::User authenticate(const ApiCall& call) {
  auto auth = authenticate_request(call.request, call.context.store, call.context.login_limiter);
  if (!auth.ok()) throw authentication_error(auth);
  return std::move(*auth.user);
}

void run(const ApiRoute& route, ServerContext& context, const httplib::Request& request,
         httplib::Response& response) {
  ApiCall call{request, response, context, std::nullopt};
  try {
    if (route.access != Access::kPublic) {
      call.user = authenticate(call);
      if (route.access == Access::kAdmin && call.user->role != model::Role::kAdmin) {
        throw forbidden(
            fmt::format("{} {} is for administrators and \"{}\" is not one. Ask an administrator.",
                        request.method, request.path, call.user->login));
      }
    }
    route.handler(call);
  } catch (const ApiError& error) {
    send_error(response, error);
  } catch (const nlohmann::json::exception& e) {
    send_error(response, bad_request(fmt::format("The request has a wrong value ({}). Check it "
                                                 "against docs/api.md.",
                                                 e.what())));
  } catch (const std::exception& e) {
    spdlog::error("[api] {} {}: {}", request.method, request.path, e.what());
    send_error(response, internal(Error{e.what()}));
  }
}

void add(httplib::Server& server, const std::string& method, const std::string& pattern,
         httplib::Server::Handler handler) {
  if (method == "GET")
    server.Get(pattern, std::move(handler));
  else if (method == "POST")
    server.Post(pattern, std::move(handler));
  else if (method == "PUT")
    server.Put(pattern, std::move(handler));
  else if (method == "PATCH")
    server.Patch(pattern, std::move(handler));
  else if (method == "DELETE")
    server.Delete(pattern, std::move(handler));
}

}  // namespace

ApiRoutes api_route_table() {
  ApiRoutes routes;
  add_session_routes(routes);
  add_profile_routes(routes);
  add_user_routes(routes);
  add_printer_routes(routes);
  add_group_and_queue_routes(routes);
  add_price_list_routes(routes);
  add_job_routes(routes);
  add_fallback_accounting_routes(routes);
  add_report_routes(routes);
  add_fallback_test_routes(routes);
  add_client_report_routes(routes);
  return routes;
}

void register_api_routes(httplib::Server& server, ServerContext& context) {
  for (auto& route : api_route_table()) {
    auto shared = std::make_shared<ApiRoute>(std::move(route));
    add(server, shared->method, shared->pattern,
        [shared, &context](const httplib::Request& request, httplib::Response& response) {
          run(*shared, context, request, response);
        });
  }
  // Anything else under /api/v1 gets the API's error shape rather than an empty 404.
  const auto no_route = [](const httplib::Request& request, httplib::Response& response) {
    send_error(response, not_found(fmt::format("There is no route {} {}. docs/api.md lists the "
                                               "routes of /api/v1.",
                                               request.method, request.path)));
  };
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    add(server, method, R"(/api/v1(/.*)?)", no_route);
  }
}

}  // namespace printline::server
