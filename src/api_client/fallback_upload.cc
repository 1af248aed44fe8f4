#include "api_client/fallback_upload.h"

#include "api_client/answer_parsing.h"
#include "model/json_number.h"

namespace printline::api_client {

namespace {

nlohmann::json report_json(const FallbackJobReport& job) {
  return {{"uuid", job.uuid},
          {"printer", job.printer_id},
          {"printed_at", model::format_timestamp(job.printed_at)},
          {"title", job.title},
          {"pages", job.counts.pages},
          {"color_pages", job.counts.color_pages},
          {"paper", job.counts.paper},
          {"duplex", job.counts.duplex},
          {"copies", job.counts.copies},
          {"ticket", job.ticket},
          {"document_format", job.document_format}};
}

UploadResult result_from_json(const nlohmann::json& j) {
  UploadResult result;
  result.uuid = j.value("uuid", "");
  const std::string status = j.value("status", "");
  result.status = status == "accepted"    ? UploadStatus::kAccepted
                  : status == "duplicate" ? UploadStatus::kDuplicate
                                          : UploadStatus::kRejected;
  if (auto it = j.find("job"); it != j.end() && it->is_object()) result.job = it->get<model::Job>();
  result.reason = j.value("reason", "");
  result.message = j.value("message", "");
  return result;
}

}  // namespace

ApiResult<UploadAnswer> upload_fallback_jobs(const ApiClient& client,
                                             const std::vector<FallbackJobReport>& jobs) {
  nlohmann::json body = {{"jobs", nlohmann::json::array()}};
  for (const FallbackJobReport& job : jobs) body["jobs"].push_back(report_json(job));
  CallOptions call;
  call.repeatable = true;  // the server charges a UUID once
  call.long_answer = true;  // up to 1000 jobs accounted in one transaction
  return detail::then<UploadAnswer>(client.request("POST", "/accounting/fallback-jobs", body, call),
                                    [](const ApiResponse& response) -> ApiResult<UploadAnswer> {
                                      try {
                                        UploadAnswer answer;
                                        for (const auto& item : response.body.at("results")) {
                                          answer.results.push_back(result_from_json(item));
                                        }
                                        answer.accepted =
                                            model::integer_or(response.body, "accepted", 0);
                                        answer.duplicates =
                                            model::integer_or(response.body, "duplicates", 0);
                                        answer.rejected =
                                            model::integer_or(response.body, "rejected", 0);
                                        return answer;
                                      } catch (const nlohmann::json::exception& e) {
                                        return detail::bad_answer(response, e.what());
                                      }
                                    });
}

}  // namespace printline::api_client
