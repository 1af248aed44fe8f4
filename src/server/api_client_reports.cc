// Desktop clients' heartbeat reports (model/client_report.h): a client says which workstation
// it is and how many fallback jobs it holds not yet accounted; the dashboard lists the latest
// report of each client and their total.

#include <fmt/format.h>

#include "server/api_route.h"

namespace printline::server {
namespace {

constexpr std::size_t kMaxTextLength = 255;

std::string short_text(const nlohmann::json& body, const char* name, bool required) {
  if (!required && !body.contains(name)) return "";
  std::string text = string_field(body, name);
  if (text.size() > kMaxTextLength) {
    throw invalid(fmt::format("Field \"{}\" has {} characters; at most {} are kept.", name,
                              text.size(), kMaxTextLength),
                  name);
  }
  return text;
}

void report(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"client_id", "hostname", "os_user", "fallback_jobs_awaiting_upload"});
  model::ClientReport report;
  report.client_id = short_text(body, "client_id", true);
  if (report.client_id.empty()) {
    throw invalid("The client id is empty: send the id the client keeps in its state directory.",
                  "client_id");
  }
  report.user_id = call.caller().id;
  report.hostname = short_text(body, "hostname", false);
  report.os_user = short_text(body, "os_user", false);
  report.fallback_jobs_awaiting_upload = integer_field(body, "fallback_jobs_awaiting_upload");
  if (report.fallback_jobs_awaiting_upload < 0) {
    throw invalid("\"fallback_jobs_awaiting_upload\" is a count of jobs: 0 or more.",
                  "fallback_jobs_awaiting_upload");
  }
  write_or_throw(call.context.store.record_client_report(report));
  send_no_content(call.response);
}

void list(ApiCall& call) {
  auto reports = read_or_throw(call.context.store.client_reports());
  std::int64_t total = 0;
  for (const auto& r : reports) total += r.fallback_jobs_awaiting_upload;
  send_json(call.response, {{"clients", reports}, {"fallback_jobs_awaiting_upload", total}});
}

}  // namespace

void add_client_report_routes(ApiRoutes& routes) {
  routes.push_back({"PUT", "/api/v1/me/client-report", Access::kUser, report});
  routes.push_back({"GET", "/api/v1/admin/client-reports", Access::kAdmin, list});
}

}  // namespace printline::server
