// Registers the API's route table on the listener, with authentication and the role check
// done here, once, for every route.

#include "server/api_routes.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>

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

ApiError authentication_error(const Authentication& auth) {
  if (auth.problem == AuthProblem::kStoreFailure) return internal(Error{auth.message});
  if (auth.problem != AuthProblem::kRateLimited) return unauthenticated(auth.message);
  ApiError error;
  error.status = 429;
  error.code = "rate-limited";
  error.message = auth.message;
  error.retry_after = auth.retry_after;
  return error;
}

nlohmann::json ApiCall::json_body() const {
  if (request.body.size() > kMaxApiBodyBytes) {
    throw too_large(
        fmt::format("The request body has {} bytes; the API takes at most {}. Send "
                    "less at once (fallback uploads: batches of up to 1000 jobs).",
                    request.body.size(), kMaxApiBodyBytes));
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    throw bad_json(
        "The request body is not valid JSON. Send a JSON object "
        "(Content-Type: application/json).");
  }
  if (!body.is_object()) {
    throw bad_json(
        fmt::format("The request body is JSON {}, not an object. Send a JSON object "
                    "as docs/api.md shows.",
                    body.type_name()));
  }
  return body;
}

std::optional<std::string> ApiCall::query(const char* name) const {
  if (!request.has_param(name)) return std::nullopt;
  std::string value = request.get_param_value(name);
  if (value.empty()) return std::nullopt;
  return value;
}

void require_known_fields(const nlohmann::json& body,
                          std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (auto name : allowed) known = known || key == name;
    if (!known) throw unknown_field(key);
  }
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    throw bad_request(fmt::format("Field \"{}\" is required and must be a string.", name), name);
  }
  return it->get<std::string>();
}

std::int64_t integer_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) {
    throw bad_request(fmt::format("Field \"{}\" is required and must be an integer.", name), name);
  }
  return it->get<std::int64_t>();
}

std::optional<std::int64_t> as_id(std::string_view reference) {
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(reference.data(), reference.data() + reference.size(), id);
  if (error != std::errc() || end != reference.data() + reference.size() || reference.empty()) {
    return std::nullopt;
  }
  return id;
}

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
