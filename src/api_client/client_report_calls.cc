#include "api_client/client_report_calls.h"

#include "api_client/answer_parsing.h"
#include "model/timestamp.h"

namespace printline::api_client {
namespace {

// A warning is text shown to the user: long fields are cut, not trusted to be short.
std::string bounded_text(const nlohmann::json& entry, const char* key) {
  constexpr std::size_t kMaxText = 255;
  auto text = entry.value(key, "");
  if (text.size() > kMaxText) text.resize(kMaxText);
  return text;
}

}  // namespace

ApiResult<ClientReportAnswer> send_client_report(const ApiClient& client,
                                                 const ClientReportBody& report) {
  return detail::then<ClientReportAnswer>(
      client.request(
          "PUT", "/me/client-report",
          nlohmann::json{{"client_id", report.client_id},
                         {"hostname", report.hostname},
                         {"os_user", report.os_user},
                         {"fallback_jobs_awaiting_upload", report.fallback_jobs_awaiting_upload}}),
      [](const ApiResponse& response) -> ApiResult<ClientReportAnswer> {
        ClientReportAnswer answer;
        if (!response.body.is_object()) return answer;
        const auto listed = response.body.find("held_jobs_expiring");
        if (listed == response.body.end()) return answer;
        if (!listed->is_array()) return detail::bad_answer(response, "held_jobs_expiring");
        try {
          for (const auto& entry : *listed) {
            if (answer.held_jobs_expiring.size() == kMaxExpiringHeldJobs) break;
            ExpiringHeldJob job{bounded_text(entry, "uuid"), bounded_text(entry, "title"),
                                bounded_text(entry, "queue"), bounded_text(entry, "expires_at")};
            if (job.uuid.empty() || !model::parse_timestamp(job.expires_at)) {
              return detail::bad_answer(response, "an expiring held job without uuid or time");
            }
            answer.held_jobs_expiring.push_back(std::move(job));
          }
        } catch (const nlohmann::json::exception& e) {
          return detail::bad_answer(response, e.what());
        }
        return answer;
      });
}

}  // namespace printline::api_client
