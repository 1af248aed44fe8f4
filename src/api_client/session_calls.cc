#include "api_client/session_calls.h"

#include "api_client/answer_parsing.h"
#include "model/json_number.h"

namespace printline::api_client {

ApiResult<LoginAnswer> login(const ApiClient& client, const std::string& login,
                             const std::string& password) {
  CallOptions call;
  call.repeatable = true;  // a second token is harmless
  call.long_answer = true;  // the password hash is slow on purpose
  return detail::then<LoginAnswer>(
      client.request("POST", "/login", nlohmann::json{{"login", login}, {"password", password}},
                     call),
      [](const ApiResponse& response) -> ApiResult<LoginAnswer> {
        try {
          LoginAnswer answer;
          answer.token = response.body.at("token").get<std::string>();
          answer.expires_at = response.body.value("expires_at", "");
          answer.user = response.body.at("user").get<model::User>();
          return answer;
        } catch (const nlohmann::json::exception& e) {
          return detail::bad_answer(response, e.what());
        }
      });
}

ApiResult<Done> logout(const ApiClient& client) {
  auto answer = client.request("POST", "/logout");
  if (!answer.ok()) return answer.error();
  return Done{};
}

ApiResult<MeAnswer> me(const ApiClient& client) {
  return detail::then<MeAnswer>(
      client.request("GET", "/me"), [](const ApiResponse& response) -> ApiResult<MeAnswer> {
        try {
          MeAnswer answer;
          const nlohmann::json& body = response.body;
          answer.user = body.at("user").get<model::User>();
          answer.balance_cents =
              model::integer_or(body, "balance_cents", answer.user.balance_cents);
          answer.pays_with_credit = body.value("pays_with_credit", answer.user.pays_with_credit);
          answer.currency = body.value("currency", "");
          if (auto it = body.find("quota"); it != body.end() && !it->is_null()) {
            answer.quota = it->get<model::Quota>();
          }
          for (const auto& use : body.value("printers_used", nlohmann::json::array())) {
            answer.printers_used.push_back(
                {model::checked_integer<std::int64_t>(use.at("printer_id"), "printer_id"),
                 use.value("name", ""), model::integer_or(use, "jobs", 0),
                 use.value("last_used", "")});
          }
          return answer;
        } catch (const nlohmann::json::exception& e) {
          return detail::bad_answer(response, e.what());
        }
      });
}

}  // namespace printline::api_client
