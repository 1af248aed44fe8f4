// Accounting reports per user, group of users, printer or period, as JSON or CSV, and the audit log
// (administrators).

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_job_filter.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

struct Grouping {
  const char* name;
  store::ReportGrouping grouping;
};

constexpr Grouping kGroupings[] = {
    {"user", store::ReportGrouping::kUser},       {"user-group", store::ReportGrouping::kUserGroup},
    {"printer", store::ReportGrouping::kPrinter}, {"day", store::ReportGrouping::kDay},
    {"week", store::ReportGrouping::kWeek},       {"month", store::ReportGrouping::kMonth}};

// RFC 4180: quote fields with a comma, quote or line break; double the quotes.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void report(ApiCall& call) {
  const std::string name = call.path_part(1);
  const Grouping* grouping = nullptr;
  for (const auto& g : kGroupings) {
    if (name == g.name) grouping = &g;
  }
  if (!grouping) {
    throw not_found(
        trf("There is no report \"{report}\": use user, user-group, printer, day, week or "
            "month.",
            fmt::arg("report", name)));
  }
  const std::string format = call.query("format").value_or("json");
  if (format != "json" && format != "csv") {
    throw bad_request(tr("Parameter \"format\" must be json or csv."), "format");
  }
  auto filter = job_filter_from_query(call, true);
  auto rows = read_or_throw(call.context.store.report(grouping->grouping, filter));

  if (format == "csv") {
    std::string csv =
        fmt::format("{},jobs,pages,color_pages,cost_cents,duplex_pages\r\n", grouping->name);
    for (const auto& row : rows) {
      csv += fmt::format("{},{},{},{},{},{}\r\n", csv_field(row.key), row.jobs, row.pages,
                         row.color_pages, row.cost_cents, row.duplex_pages);
    }
    call.response.set_header(
        "Content-Disposition",
        fmt::format("attachment; filename=\"printline-report-{}.csv\"", grouping->name));
    call.response.status = 200;
    call.response.set_content(csv, "text/csv; charset=utf-8");
    return;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : rows) {
    out.push_back({{"key", row.key},
                   {"jobs", row.jobs},
                   {"pages", row.pages},
                   {"color_pages", row.color_pages},
                   {"cost_cents", row.cost_cents},
                   {"duplex_pages", row.duplex_pages},
                   {"overflow", row.overflow}});
  }
  send_json(call.response, {{"grouping", grouping->name}, {"rows", out}});
}

void audit(ApiCall& call) {
  int limit = 100;
  if (auto text = call.query("limit")) {
    auto value = as_id(*text);
    if (!value || *value < 1 || *value > 10000) {
      throw bad_request(tr("Parameter \"limit\" must be a number from 1 to 10000."), "limit");
    }
    limit = static_cast<int>(*value);
  }
  send_json(call.response, {{"entries", read_or_throw(call.context.store.audit_log(limit))}});
}

}  // namespace

void add_report_routes(ApiRoutes& routes) {
  routes.push_back({"GET", R"(/api/v1/reports/([^/]+))", Access::kAdmin, report});
  routes.push_back({"GET", "/api/v1/audit", Access::kAdmin, audit});
}

}  // namespace printline::server
