#pragma once
// Job lookup by UUID: after a submission broke, the desktop client asks whether the server
// got the job before it considers fallback (D6), so a job is never printed twice.

#include <optional>
#include <string>

#include "api_client/api_client.h"
#include "model/job.h"

namespace printline::api_client {

// The job, or nullopt when the server answers that it does not have this UUID (404). Any
// other failure, unreachable included, is an error: "I don't know" is not "it has none".
ApiResult<std::optional<model::Job>> find_job(const ApiClient& client, const std::string& uuid);

}  // namespace printline::api_client
