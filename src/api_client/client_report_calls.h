#pragma once
// The desktop client's heartbeat report (PUT /api/v1/me/client-report): which installation
// it is and how many fallback jobs it holds that the server has not accounted yet. The
// answer names the user's held server jobs that expire soon, to warn the user.

#include <cstdint>
#include <string>
#include <vector>

#include "api_client/api_client.h"

namespace printline::api_client {

struct ClientReportBody {
  std::string client_id;
  std::string hostname;
  std::string os_user;
  std::int64_t fallback_jobs_awaiting_upload = 0;

  bool operator==(const ClientReportBody&) const = default;
};

// A job held on the server that will be cancelled unprinted at expires_at unless released.
struct ExpiringHeldJob {
  std::string uuid;
  std::string title;
  std::string queue;
  std::string expires_at;  // ISO 8601, UTC

  bool operator==(const ExpiringHeldJob&) const = default;
};

struct ClientReportAnswer {
  std::vector<ExpiringHeldJob> held_jobs_expiring;  // at most kMaxExpiringHeldJobs
};

// The most expiring jobs read from one answer: a user warned of fifty is warned enough.
inline constexpr std::size_t kMaxExpiringHeldJobs = 50;

// Servers from before the answer had a body (204) answer no expiring job.
ApiResult<ClientReportAnswer> send_client_report(const ApiClient& client,
                                                 const ClientReportBody& report);

}  // namespace printline::api_client
