#pragma once
// Turning an API answer into model values (internal to the api_client library): a shape that
// does not match docs/api.md becomes an ApiError of kind kBadAnswer instead of an exception.

#include <nlohmann/json.hpp>
#include <string>

#include "api_client/api_client.h"
#include "api_client/api_result.h"

namespace printline::api_client::detail {

inline ApiError bad_answer(const ApiResponse& response, const std::string& what) {
  ApiError error;
  error.kind = FailureKind::kBadAnswer;
  error.http_status = response.status;
  error.code = "bad-answer";
  error.message = response.server + " answered in an unexpected shape (" + what +
                  "); client and server versions may not match.";
  error.server = response.server;
  return error;
}

// `key` empty: the whole body; else body[key].
template <typename T>
ApiResult<T> parse_answer(const ApiResponse& response, const char* key = "") {
  try {
    const nlohmann::json& part = *key == '\0' ? response.body : response.body.at(key);
    return part.get<T>();
  } catch (const nlohmann::json::exception& e) {
    return bad_answer(response, e.what());
  }
}

// Maps an ApiResult<ApiResponse> through `convert` (ApiResponse -> ApiResult<T>).
template <typename T, typename Convert>
ApiResult<T> then(ApiResult<ApiResponse> answer, Convert convert) {
  if (!answer.ok()) return answer.error();
  return convert(*answer);
}

}  // namespace printline::api_client::detail
