#include "api_client/job_calls.h"

#include "api_client/answer_parsing.h"
#include "api_client/query_string.h"

namespace printline::api_client {

ApiResult<std::optional<model::Job>> find_job(const ApiClient& client, const std::string& uuid) {
  auto answer = client.request("GET", "/jobs/" + percent_encode(uuid));
  if (!answer.ok()) {
    if (answer.error().http_status == 404) return std::optional<model::Job>{};
    return answer.error();
  }
  auto job = detail::parse_answer<model::Job>(*answer);
  if (!job.ok()) return job.error();
  return std::optional<model::Job>(std::move(*job));
}

}  // namespace printline::api_client
