// What every API handler shares: the call (body, query, path parts) and the small checks of
// request fields, so each resource file holds only its own rules.

#include "server/api_route.h"

#include <fmt/format.h>

#include <charconv>

namespace printline::server {

ApiError authentication_error(const Authentication& auth) {
  if (auth.problem == AuthProblem::kStoreFailure) return internal(Error{auth.message});
  if (auth.problem == AuthProblem::kForbidden) {
    ApiError error = forbidden(auth.message);
    error.code = "csrf";  // the page can tell it from a role refusal
    return error;
  }
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

}  // namespace printline::server
