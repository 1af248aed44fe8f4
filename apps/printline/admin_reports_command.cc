// `printline admin reports --by user|user-group|printer|period`: printed jobs summed per key, as a
// table, JSON or the server's CSV export.

#include <iostream>
#include <memory>

#include "admin_command.h"
#include "api_client/query_string.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/json_number.h"
#include "output.h"

namespace printline::cli {

namespace {

struct ReportArguments {
  std::string by = "user";
  std::string period = "month";
  bool csv = false;
  std::string user, printer, origin, state, from, to;
};

}  // namespace

void add_admin_reports_command(CLI::App& parent, AdminCommand& admin) {
  auto args = std::make_shared<ReportArguments>();
  CLI::App* reports = parent.add_subcommand(
      "reports", tr("Printed jobs summed per user, group, printer or period"));
  reports
      ->add_option("--by", args->by,
                   tr("user, user-group, printer, period (see --period), day, week or month"))
      ->check(CLI::IsMember({"user", "user-group", "printer", "period", "day", "week", "month"}))
      ->capture_default_str();
  reports->add_option("--period", args->period, tr("With --by period: day, week or month"))
      ->check(CLI::IsMember({"day", "week", "month"}))
      ->capture_default_str();
  reports->add_flag("--csv", args->csv, tr("Print the server's CSV export"));
  reports->add_option("--user", args->user, tr("Only this user (login or id)"));
  reports->add_option("--printer", args->printer, tr("Only this printer (name or id)"));
  reports->add_option("--origin", args->origin, tr("server or fallback"))
      ->check(CLI::IsMember({"server", "fallback"}));
  reports->add_option("--state", args->state, tr("Only jobs in this state"));
  reports->add_option("--from", args->from, tr("Submitted at or after (ISO time)"));
  reports->add_option("--to", args->to, tr("Submitted before (ISO time)"));
  admin.on_run(reports, [&admin, args](api_client::ApiClient& client) {
    const std::string grouping = args->by == "period" ? args->period : args->by;
    const std::string query = api_client::query_string({{"user", args->user},
                                                        {"printer", args->printer},
                                                        {"origin", args->origin},
                                                        {"state", args->state},
                                                        {"from", args->from},
                                                        {"to", args->to},
                                                        {"format", args->csv ? "csv" : ""}});
    auto answer = client.request("GET", "/reports/" + grouping + query);
    if (args->csv) {
      if (!answer.ok()) return admin.fail(answer.error());
      std::cout << answer->text;
      return static_cast<int>(kOk);
    }
    return admin.finish(answer, [&grouping](const nlohmann::json& body) {
      const bool by_period = grouping == "day" || grouping == "week" || grouping == "month";
      const std::string key = by_period                  ? tr("period")
                              : grouping == "user-group" ? tr("group")
                              : grouping == "user"       ? tr("user")
                              : grouping == "printer"    ? tr("printer")
                                                         : grouping;
      Table table({key, tr("jobs"), tr("pages"), tr("colour pages"), tr("two-sided pages"),
                   tr("cost")});
      for (const auto& row : body.value("rows", nlohmann::json::array())) {
        table.add_row({field_text(row, "key"), field_text(row, "jobs"), field_text(row, "pages"),
                       field_text(row, "color_pages"), field_text(row, "duplex_pages"),
                       money(model::integer_or(row, "cost_cents", std::int64_t{0}))});
      }
      table.print(std::cout);
    });
  });
}

}  // namespace printline::cli
