// `printline admin audit [--limit N]`: the log of administrative changes, newest first.

#include <iostream>
#include <memory>

#include "admin_command.h"
#include "api_client/query_string.h"
#include "core/i18n.h"
#include "output.h"

namespace printline::cli {

void add_admin_audit_command(CLI::App& parent, AdminCommand& admin) {
  auto limit = std::make_shared<std::string>();
  CLI::App* audit = parent.add_subcommand("audit", tr("Who changed what, newest first"));
  audit->add_option("--limit", *limit, tr("At most this many entries (1-10000, default 100)"));
  admin.on_run(audit, [&admin, limit](api_client::ApiClient& client) {
    return admin.finish(
        client.request("GET", "/audit" + api_client::query_string({{"limit", *limit}})),
        [](const nlohmann::json& body) {
          Table table({tr("TIME"), tr("ACTOR"), tr("ACTION"), tr("KIND"), tr("OBJECT"),
                       tr("DETAILS")});
          for (const auto& e : body.value("entries", nlohmann::json::array())) {
            std::string details = field_text(e, "details");
            if (details.size() > 60) details = details.substr(0, 57) + "...";
            table.add_row({time_field_text(e, "at"), field_text(e, "actor"),
                           field_text(e, "action"), field_text(e, "object_kind"),
                           field_text(e, "object_name"), details});
          }
          table.print(std::cout);
        });
  });
}

}  // namespace printline::cli
