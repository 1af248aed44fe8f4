#pragma once
// Reading a desktop client's heartbeat report (PUT /api/v1/me/client-report, D12): every field
// checked by type and size, the count bounded, so one report cannot push the dashboard's total
// past what it can add. The route and the fuzzer (tests/fuzz/server) call the same function.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "model/client_report.h"

namespace printline::server {

inline constexpr std::size_t kMaxClientReportText = 255;
// More than any outbox holds (the client keeps jobs a few days); the store checks it too.
inline constexpr std::int64_t kMaxJobsAwaitingUpload = 1'000'000;

struct ClientReportProblem {
  std::string field;    // the field at fault ("" for the body itself)
  std::string message;  // for people: what is wrong and what to do
};

// The report `body` describes for user `user_id`, or the first problem found.
std::variant<model::ClientReport, ClientReportProblem> parse_client_report(
    const nlohmann::json& body, std::int64_t user_id);

}  // namespace printline::server
