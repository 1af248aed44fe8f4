#include "server/api_json_response.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/metrics.h"

namespace printline::server {
namespace {

ApiError make(int status, const char* code, std::string message, std::string field = {}) {
  ApiError error;
  error.status = status;
  error.code = code;
  error.message = std::move(message);
  error.field = std::move(field);
  return error;
}

}  // namespace

ApiError bad_json(std::string message) { return make(400, "bad-json", std::move(message)); }
ApiError bad_request(std::string message, std::string field) {
  return make(400, "bad-request", std::move(message), std::move(field));
}
ApiError unknown_field(const std::string& field) {
  return make(400, "unknown-field",
              trf("Field \"{field}\" cannot be written here (unknown or read-only). Remove it; "
                  "docs/api.md lists the fields of each object.",
                  fmt::arg("field", field)),
              field);
}
ApiError unauthenticated(std::string message) {
  return make(401, "unauthenticated", std::move(message));
}
ApiError forbidden(std::string message) { return make(403, "forbidden", std::move(message)); }
ApiError not_found(std::string message, std::string field) {
  return make(404, "not-found", std::move(message), std::move(field));
}
ApiError conflict(std::string message) { return make(409, "conflict", std::move(message)); }
ApiError too_large(std::string message) { return make(413, "too-large", std::move(message)); }
ApiError invalid(std::string message, std::string field) {
  return make(422, "invalid", std::move(message), std::move(field));
}
ApiError internal(const Error& error) {
  ServerMetrics::process().count_database_error();
  std::string_view what = error.message;
  if (store::is_storage_failure(error)) what.remove_prefix(store::kStorageFailurePrefix.size());
  return make(500, "internal",
              fmt::format("The server's database failed: {}. Try again; if it persists, an "
                          "administrator should check the server's log.",
                          what));
}

nlohmann::json error_body(const ApiError& error) {
  nlohmann::json inner = {{"code", error.code}, {"message", error.message}};
  if (!error.field.empty()) inner["field"] = error.field;
  if (!error.details.is_null()) inner["details"] = error.details;
  return {{"error", inner}};
}

void send_error(http::Response& response, const ApiError& error) {
  if (error.status == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"printline\"");
  if (error.retry_after.count() > 0) {
    response.set_header("Retry-After", std::to_string(error.retry_after.count()));
  }
  send_json(response, error_body(error), error.status);
}

void send_json(http::Response& response, const nlohmann::json& body, int status) {
  response.status = status;
  // Replace: invalid UTF-8 from a stored title must not turn an answer into an exception.
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json");
}

void send_no_content(http::Response& response) { response.status = 204; }

}  // namespace printline::server
