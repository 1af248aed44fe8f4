#include "api_client/client_report_calls.h"

namespace printline::api_client {

ApiResult<Done> send_client_report(const ApiClient& client, const ClientReportBody& report) {
  auto answer = client.request(
      "PUT", "/me/client-report",
      nlohmann::json{{"client_id", report.client_id},
                     {"hostname", report.hostname},
                     {"os_user", report.os_user},
                     {"fallback_jobs_awaiting_upload", report.fallback_jobs_awaiting_upload}});
  if (!answer.ok()) return answer.error();
  return Done{};
}

}  // namespace printline::api_client
