#include "server/api_test_client.h"

namespace printline::testing {

ApiReply ApiClient::call(const std::string& method, const std::string& path,
                         const std::optional<nlohmann::json>& body, httplib::Headers headers,
                         const std::optional<std::string>& raw) {
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  const std::string content = raw ? *raw : body ? body->dump() : std::string();
  const char* type = "application/json";
  httplib::Result result{nullptr, httplib::Error::Unknown};
  if (method == "GET") {
    result = client_.Get(path, headers);
  } else if (method == "POST") {
    result = client_.Post(path, headers, content, type);
  } else if (method == "PUT") {
    result = client_.Put(path, headers, content, type);
  } else if (method == "PATCH") {
    result = client_.Patch(path, headers, content, type);
  } else if (method == "DELETE") {
    result = client_.Delete(path, headers, content, type);
  }
  ApiReply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json = nlohmann::json::parse(result->body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  return reply;
}

ApiReply ApiClient::login(const std::string& login, const std::string& password) {
  token_.clear();
  auto reply = post("/api/v1/login", {{"login", login}, {"password", password}});
  if (reply.status == 200) token_ = reply.json["token"].get<std::string>();
  return reply;
}

}  // namespace printline::testing
