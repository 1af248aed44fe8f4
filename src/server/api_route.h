#pragma once
// One REST route of /api/v1: its method, path pattern, who may call it, and its handler.
// All routes live in one table (api_route_table()) so that authentication and the role check
// are applied in one place, and so that tests can walk every administrative route.

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "model/user.h"
#include "server/api_json_response.h"
#include "server/request_auth.h"
#include "server/server_context.h"
#include "store/actor.h"

namespace printline::server {

enum class Access { kPublic, kUser, kAdmin };

// What a handler gets: the request, the answer to fill, the server and the caller.
struct ApiCall {
  const http::Request& request;
  http::Response& response;
  ServerContext& context;
  std::optional<model::User> user;  // set for kUser and kAdmin routes

  const model::User& caller() const { return *user; }
  bool caller_is_admin() const { return user && user->role == model::Role::kAdmin; }
  store::Actor actor() const { return store::Actor{user ? user->login : "anonymous"}; }
  // The n-th group of the path pattern (1-based).
  std::string path_part(int n) const { return request.matches[n].str(); }
  // The body as a JSON object; 400 bad-json otherwise, 413 when over the API's body limit.
  nlohmann::json json_body() const;
  // A query parameter, or nullopt when absent or empty.
  std::optional<std::string> query(const char* name) const;
};

struct ApiRoute {
  std::string method;   // "GET", "POST", "PATCH", "PUT", "DELETE"
  std::string pattern;  // regex, e.g. R"(/api/v1/users/([^/]+))"
  Access access = Access::kUser;
  std::function<void(ApiCall&)> handler;
};

using ApiRoutes = std::vector<ApiRoute>;

// The largest JSON body the API reads (a fallback batch of 1000 jobs is about 250 KiB).
inline constexpr std::size_t kMaxApiBodyBytes = 8u << 20;

// The answer to a failed authentication: 401, 429 with Retry-After, or 500.
ApiError authentication_error(const Authentication& auth);

// 415 unsupported-media-type unless the request says Content-Type: application/json.
void require_json_content_type(const http::Request& request);

// Fields allowed in an administrative write; anything else is 400 unknown-field.
void require_known_fields(const nlohmann::json& body,
                          std::initializer_list<std::string_view> allowed);

// Parses `body` over `base` (a default or the stored object), key by key, so a wrong type
// is reported with the field that has it. Returns the merged object.
template <typename T>
T merge_fields(const T& base, const nlohmann::json& body) {
  nlohmann::json merged = base;
  for (const auto& [key, value] : body.items()) {
    nlohmann::json trial = merged;
    trial[key] = value;
    try {
      (void)trial.get<T>();
    } catch (const nlohmann::json::exception& e) {
      throw bad_request("Field \"" + key + "\" has a wrong value (" + e.what() +
                            "). Check it against docs/api.md.",
                        key);
    }
    merged = std::move(trial);
  }
  return merged.get<T>();
}

// Reads a required string / integer field of a JSON object, 400 naming it otherwise.
std::string string_field(const nlohmann::json& body, const char* name);
std::int64_t integer_field(const nlohmann::json& body, const char* name);

// "Digits only" is an id, anything else a name (docs/api.md, object references).
std::optional<std::int64_t> as_id(std::string_view reference);

// Each resource adds its routes (one file each).
void add_session_routes(ApiRoutes& routes);
void add_profile_routes(ApiRoutes& routes);
void add_user_routes(ApiRoutes& routes);
void add_printer_routes(ApiRoutes& routes);
void add_group_and_queue_routes(ApiRoutes& routes);
void add_user_group_routes(ApiRoutes& routes);
void add_directory_routes(ApiRoutes& routes);
void add_self_service_routes(ApiRoutes& routes);
void add_release_station_routes(ApiRoutes& routes);
void add_price_list_routes(ApiRoutes& routes);
void add_job_routes(ApiRoutes& routes);
void add_fallback_accounting_routes(ApiRoutes& routes);
void add_report_routes(ApiRoutes& routes);
void add_fallback_test_routes(ApiRoutes& routes);
void add_client_report_routes(ApiRoutes& routes);

}  // namespace printline::server
