#include "api_client/profile_calls.h"

#include "api_client/answer_parsing.h"

namespace printline::api_client {

namespace {

std::optional<std::string> optional_string(const nlohmann::json& object, const char* key) {
  if (auto it = object.find(key); it != object.end() && it->is_string()) {
    return it->get<std::string>();
  }
  return std::nullopt;
}

FallbackPrinter fallback_printer_from_json(const nlohmann::json& j) {
  FallbackPrinter entry;
  entry.printer = j.at("printer").get<model::Printer>();
  entry.usable = j.value("usable", false);
  entry.device_uri = optional_string(j, "device_uri");
  if (auto it = j.find("port"); it != j.end() && it->is_object()) {
    entry.port = it->get<model::DevicePort>();
  }
  entry.spooling_port = j.value("spooling_port", false);
  entry.may_be_counted_twice = j.value("may_be_counted_twice", false);
  entry.warning = optional_string(j, "warning");
  entry.problem = optional_string(j, "problem");
  return entry;
}

}  // namespace

ApiResult<ProfileAnswer> fetch_profile(const ApiClient& client, const std::string& if_none_match) {
  CallOptions call;
  if (!if_none_match.empty()) call.headers.emplace_back("If-None-Match", if_none_match);
  return detail::then<ProfileAnswer>(
      client.request("GET", "/me/profile", std::nullopt, call),
      [&](const ApiResponse& response) -> ApiResult<ProfileAnswer> {
        ProfileAnswer answer;
        answer.etag = response.etag.empty() ? if_none_match : response.etag;
        if (response.status == 304) {
          answer.not_modified = true;
          return answer;
        }
        try {
          answer.profile = response.body.at("profile").get<model::ClientProfile>();
          for (const auto& item :
               response.body.value("fallback_printers", nlohmann::json::array())) {
            answer.fallback_printers.push_back(fallback_printer_from_json(item));
          }
          return answer;
        } catch (const nlohmann::json::exception& e) {
          return detail::bad_answer(response, e.what());
        }
      });
}

}  // namespace printline::api_client
