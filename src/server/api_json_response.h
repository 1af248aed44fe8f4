#pragma once
// The REST API's answers: JSON bodies and the one error shape of docs/api.md,
//   {"error": {"code": "...", "message": "what happened and what to do", "field": "..."}}.
// Handlers throw ApiError; the route wrapper (api_route.cc) turns it into the answer, so a
// handler reads as its happy path and every refusal still has a status, a code and a message.

#include "http/request.h"
#include "http/response.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "store/storage_failure.h"

namespace printline::server {

struct ApiError {
  int status = 500;
  std::string code;                  // "bad-json", "not-found", ... (docs/api.md, Errors)
  std::string message;               // for people: what happened and what to do
  std::string field;                 // the input field at fault, when there is one
  nlohmann::json details = nullptr;  // [{field, message}] when several findings apply
  std::chrono::seconds retry_after{0};
};

ApiError bad_json(std::string message);
ApiError bad_request(std::string message, std::string field = {});
ApiError unknown_field(const std::string& field);
ApiError unauthenticated(std::string message);
ApiError forbidden(std::string message);
ApiError not_found(std::string message, std::string field = {});
ApiError conflict(std::string message);
ApiError too_large(std::string message);
ApiError invalid(std::string message, std::string field = {});
ApiError internal(const Error& error);

// Unwraps a store read: a failure is the database's, so 500.
template <typename T>
T read_or_throw(Result<T> result) {
  if (!result.ok()) throw internal(result.error());
  return std::move(result).value();
}

// Unwraps a store or job-service write: a refusal the caller can act on is 409 with the
// store's own explanation; a failing database is 500, as for reads.
template <typename T>
T write_or_throw(Result<T> result) {
  if (!result.ok() && store::is_storage_failure(result.error())) throw internal(result.error());
  if (!result.ok()) throw conflict(result.error().message);
  return std::move(result).value();
}

nlohmann::json error_body(const ApiError& error);
void send_error(http::Response& response, const ApiError& error);
void send_json(http::Response& response, const nlohmann::json& body, int status = 200);
void send_no_content(http::Response& response);

}  // namespace printline::server
