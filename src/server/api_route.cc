// What every API handler shares: the call (body, query, path parts) and the small checks of
// request fields, so each resource file holds only its own rules.

#include "server/api_route.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "core/i18n.h"
#include "model/bounded_json.h"

namespace printline::server {

ApiError authentication_error(const Authentication& auth) {
  if (auth.problem == AuthProblem::kStoreFailure) return internal(Error{auth.message});
  if (auth.problem == AuthProblem::kDirectoryUnavailable) {
    ApiError error;
    error.status = 503;
    error.code = "directory-unavailable";
    error.message = auth.message;
    error.retry_after = std::chrono::seconds(60);
    return error;
  }
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

void require_json_content_type(const http::Request& request) {
  // Only application/json: a cross-site HTML form can send text/plain or form data with the
  // browser's cached credentials, but not this type without a CORS preflight we never grant.
  const std::string type = request.get_header_value("Content-Type");
  std::string_view media(type);
  media = media.substr(0, media.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  bool json = media.size() == 16;
  for (std::size_t i = 0; json && i < media.size(); ++i) {
    json = std::tolower(static_cast<unsigned char>(media[i])) == "application/json"[i];
  }
  if (!json) {
    ApiError error;
    error.status = 415;
    error.code = "unsupported-media-type";
    error.message = trf(
        "The request body is sent as \"{type}\"; the API reads only JSON. Send it with "
        "Content-Type: application/json.",
        fmt::arg("type", type.empty() ? std::string(tr("(no Content-Type)")) : type));
    throw error;
  }
}

nlohmann::json ApiCall::json_body() const {
  if (request.body.size() > kMaxApiBodyBytes) {
    throw too_large(
        trf("The request body has {size} bytes; the API takes at most {most}. Send "
            "less at once (fallback uploads: batches of up to 1000 jobs).",
            fmt::arg("size", request.body.size()), fmt::arg("most", kMaxApiBodyBytes)));
  }
  require_json_content_type(request);
  auto parsed = model::parse_bounded_json(request.body);
  if (parsed.problem == model::JsonProblem::kTooDeep) {
    throw bad_json(trf(
        "The request body nests JSON deeper than {depth} levels; no Printline request does. Send "
        "the object docs/api.md shows.",
        fmt::arg("depth", model::kMaxJsonDepth)));
  }
  if (!parsed.ok()) {
    throw bad_json(
        tr("The request body is not valid JSON. Send a JSON object "
           "(Content-Type: application/json)."));
  }
  nlohmann::json body = std::move(parsed.value);
  if (!body.is_object()) {
    throw bad_json(
        trf("The request body is JSON {type}, not an object. Send a JSON object "
            "as docs/api.md shows.",
            fmt::arg("type", body.type_name())));
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
    if (known) continue;
    // A name is echoed only when short: the answer must not carry megabytes back.
    if (key.size() > 64) {
      throw bad_request(trf("The request has a field name of {size} bytes, which no "
                            "Printline object has. Remove it; docs/api.md lists the "
                            "fields of each object.",
                            fmt::arg("size", key.size())));
    }
    throw unknown_field(key);
  }
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) {
    throw bad_request(
        trf("Field \"{field}\" is required and must be a string.", fmt::arg("field", name)), name);
  }
  return it->get<std::string>();
}

std::int64_t integer_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) {
    throw bad_request(
        trf("Field \"{field}\" is required and must be an integer.", fmt::arg("field", name)),
        name);
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
