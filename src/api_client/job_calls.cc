#include "api_client/job_calls.h"

#include "api_client/answer_parsing.h"
#include "api_client/query_string.h"

namespace printline::api_client {

namespace {

ApiResult<std::optional<model::Job>> job_or_none(ApiResult<ApiResponse> answer) {
  if (!answer.ok()) {
    if (answer.error().http_status == 404) return std::optional<model::Job>{};
    return answer.error();
  }
  auto job = detail::parse_answer<model::Job>(*answer);
  if (!job.ok()) return job.error();
  return std::optional<model::Job>(std::move(*job));
}

}  // namespace

ApiResult<std::optional<model::Job>> find_job(const ApiClient& client, const std::string& uuid) {
  return job_or_none(client.request("GET", "/jobs/" + percent_encode(uuid)));
}

ApiResult<std::optional<model::Job>> commit_job(const ApiClient& client, const std::string& uuid,
                                               std::chrono::milliseconds answer_timeout) {
  CallOptions call;
  call.repeatable = true;  // a commit repeated changes nothing
  call.answer_timeout = answer_timeout;
  return job_or_none(
      client.request("POST", "/jobs/" + percent_encode(uuid) + "/commit", std::nullopt, call));
}

}  // namespace printline::api_client
