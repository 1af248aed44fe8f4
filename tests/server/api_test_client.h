#pragma once
// A small JSON client for the REST API tests and the accounting benchmark: one call, one
// status, the parsed body and the headers.

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace printline::testing {

struct ApiReply {
  int status = 0;       // 0 when the request did not get an answer
  nlohmann::json json;  // null when the body is not JSON
  std::string body;
  httplib::Headers headers;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string error_code() const {
    return json.is_object() && json.contains("error") ? json["error"].value("code", "") : "";
  }
};

class ApiClient {
 public:
  ApiClient(std::string host, int port) : client_(std::move(host), port) {
    client_.set_connection_timeout(5, 0);
    client_.set_read_timeout(60, 0);
  }

  void use_token(std::string token) { token_ = std::move(token); }
  void use_basic(const std::string& login, const std::string& password) {
    token_.clear();
    client_.set_basic_auth(login.c_str(), password.c_str());
  }

  // body: a JSON value, or raw text when `raw` is set (bad-JSON tests).
  ApiReply call(const std::string& method, const std::string& path,
                const std::optional<nlohmann::json>& body = std::nullopt,
                httplib::Headers headers = {}, const std::optional<std::string>& raw = {});
  ApiReply get(const std::string& path, httplib::Headers headers = {}) {
    return call("GET", path, std::nullopt, std::move(headers));
  }
  ApiReply post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    return call("POST", path, body);
  }
  ApiReply patch(const std::string& path, const nlohmann::json& body) {
    return call("PATCH", path, body);
  }

  // Logs in and uses the token from then on; returns the login reply.
  ApiReply login(const std::string& login, const std::string& password);

 private:
  httplib::Client client_;
  std::string token_;
};

}  // namespace printline::testing
