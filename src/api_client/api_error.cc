#include "api_client/api_error.h"

#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "model/bounded_json.h"

namespace printline::api_client {

std::string describe(const ApiError& error) {
  std::string text = error.message;
  for (const FieldFinding& finding : error.details) {
    if (finding.message == error.message) continue;
    text += "\n  ";
    if (!finding.field.empty()) text += finding.field + ": ";
    text += finding.message;
  }
  return text;
}

ApiError error_from_answer(int status, const std::string& body, const std::string& server) {
  ApiError error;
  error.http_status = status;
  error.server = server;
  // D1: a 5xx means the server cannot serve us now, whatever it says.
  error.kind = status >= 500 ? FailureKind::kUnreachable : FailureKind::kServerRefused;
  const auto bounded = model::parse_bounded_json(body);  // depth-limited (D12)
  const nlohmann::json& parsed = bounded.value;
  const nlohmann::json* shaped = nullptr;
  if (parsed.is_object()) {
    if (auto it = parsed.find("error"); it != parsed.end() && it->is_object()) shaped = &*it;
  }
  if (shaped == nullptr) {
    error.code = "http-" + std::to_string(status);
    std::string excerpt = body.substr(0, 200);
    error.message = excerpt.empty()
                        ? trf("The server at {server} answered HTTP {status}.",
                              fmt::arg("server", server), fmt::arg("status", status))
                        : trf("The server at {server} answered HTTP {status}: {answer}",
                              fmt::arg("server", server), fmt::arg("status", status),
                              fmt::arg("answer", excerpt));
    return error;
  }
  error.code = shaped->value("code", "");
  error.message = shaped->value("message", "");
  if (error.message.empty())
    error.message = trf("The server refused the request (HTTP {status}, {code}).",
                        fmt::arg("status", status), fmt::arg("code", error.code));
  if (auto it = shaped->find("field"); it != shaped->end() && it->is_string()) {
    error.field = it->get<std::string>();
  }
  if (auto it = shaped->find("details"); it != shaped->end() && it->is_array()) {
    for (const auto& item : *it) {
      if (!item.is_object()) continue;
      error.details.push_back({item.value("field", ""), item.value("message", "")});
    }
  }
  return error;
}

}  // namespace printline::api_client
