#pragma once
// The desktop client's heartbeat report (PUT /api/v1/me/client-report): which installation
// it is and how many fallback jobs it holds that the server has not accounted yet.

#include <cstdint>
#include <string>

#include "api_client/api_client.h"

namespace printline::api_client {

struct ClientReportBody {
  std::string client_id;
  std::string hostname;
  std::string os_user;
  std::int64_t fallback_jobs_awaiting_upload = 0;

  bool operator==(const ClientReportBody&) const = default;
};

ApiResult<Done> send_client_report(const ApiClient& client, const ClientReportBody& report);

}  // namespace printline::api_client
