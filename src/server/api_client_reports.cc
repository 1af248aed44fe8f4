// Desktop clients' heartbeat reports (model/client_report.h): a client says which workstation
// it is and how many fallback jobs it holds not yet accounted; the dashboard lists the latest
// report of each (user, client) and their total. What a report may say: client_report_parsing.h.
// The answer tells the client which of its user's held jobs expire soon (within
// model::hold_expiry_warning of their end), so the user is warned on the desktop in time to
// release them.

#include <fmt/format.h>

#include <algorithm>

#include "model/money.h"
#include "model/print_queue.h"
#include "server/api_route.h"
#include "server/client_report_parsing.h"

namespace printline::server {
namespace {

void report(ApiCall& call) {
  auto parsed = parse_client_report(call.json_body(), call.caller().id);
  if (auto* problem = std::get_if<ClientReportProblem>(&parsed)) {
    throw invalid(problem->message, problem->field);
  }
  write_or_throw(call.context.store.record_client_report(std::get<model::ClientReport>(parsed)));
  const auto expiries = read_or_throw(call.context.store.held_job_expiries(
      call.caller().id, call.context.config.held_job_expiry_seconds));
  const auto now = model::now_seconds();
  auto expiring = nlohmann::json::array();
  for (const auto& job : expiries) {
    const auto warning = std::chrono::seconds(model::hold_expiry_warning(job.hold_seconds));
    if (job.expires_at - now > warning) continue;
    expiring.push_back({{"uuid", job.uuid},
                        {"title", job.title},
                        {"queue", job.queue},
                        {"expires_at", model::format_timestamp(job.expires_at)}});
  }
  send_json(call.response, {{"held_jobs_expiring", expiring}});
}

void list(ApiCall& call) {
  auto reports = read_or_throw(call.context.store.client_reports());
  // Never negative, never a 500: rows written before counts were bounded may still be large.
  model::SaturatingSum total;
  for (const auto& r : reports)
    total.add(std::max<std::int64_t>(r.fallback_jobs_awaiting_upload, 0));
  send_json(call.response, {{"clients", reports},
                            {"fallback_jobs_awaiting_upload", total.value},
                            {"total_saturated", total.saturated}});
}

}  // namespace

void add_client_report_routes(ApiRoutes& routes) {
  routes.push_back({"PUT", "/api/v1/me/client-report", Access::kUser, report});
  routes.push_back({"GET", "/api/v1/admin/client-reports", Access::kAdmin, list});
}

}  // namespace printline::server
