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

// D10: commits a job this client submitted awaiting its commit, so the server prints it. The
// job as it now is (pending or printed: committed; cancelled or origin fallback: it was not,
// and never will be, printed by the server), or nullopt when the server has no such job (404).
// Repeating it is harmless: the server answers the job unchanged.
// `answer_timeout` must be the one the server counts its commit deadline with: the profile's.
ApiResult<std::optional<model::Job>> commit_job(const ApiClient& client, const std::string& uuid,
                                               std::chrono::milliseconds answer_timeout);

}  // namespace printline::api_client
