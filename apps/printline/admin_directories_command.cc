// `printline admin directories …`: the directory sources of the server's configuration (users
// and groups from OpenLDAP or Active Directory), their last syncs, and a sync on demand.

#include <iostream>
#include <memory>
#include <utility>

#include "admin_command.h"
#include "core/i18n.h"
#include "output.h"

namespace printline::cli {

namespace {

struct SyncArguments {
  std::string directory;
  bool dry_run = false;
  bool incremental = false;
};

void print_plan(const nlohmann::json& plan, bool dry_run) {
  const auto& counts = plan.value("counts", nlohmann::json::object());
  auto count = [&](const char* key) { return field_text(counts, key); };
  std::cout << (dry_run ? trf("Dry run of directory {name}: nothing was changed.",
                              fmt::arg("name", field_text(plan, "source")))
                        : trf("Synchronised directory {name}.",
                              fmt::arg("name", field_text(plan, "source"))))
            << "\n";
  print_fields(std::cout, {{dry_run ? tr("would create") : tr("created"), count("create")},
                           {dry_run ? tr("would update") : tr("updated"), count("update")},
                           {dry_run ? tr("would enable") : tr("enabled"), count("enable")},
                           {dry_run ? tr("would disable") : tr("disabled"), count("disable")},
                           {tr("new groups"), count("create_groups")},
                           {tr("changed groups"), count("update_groups")},
                           {tr("unchanged"), count("unchanged")}});
  const std::pair<const char*, std::string> lists[] = {
      {"create", dry_run ? tr("would create") : tr("created")},
      {"disable", dry_run ? tr("would disable") : tr("disabled")}};
  for (const auto& [list, label] : lists) {
    const auto& logins = plan.value(list, nlohmann::json::array());
    if (logins.empty()) continue;
    std::cout << trf("{label}: {value}", fmt::arg("label", label),
                     fmt::arg("value", joined(logins)))
              << "\n";
  }
  for (const auto& warning : plan.value("warnings", nlohmann::json::array())) {
    std::cout << trf("{label}: {value}", fmt::arg("label", tr("warning")),
                     fmt::arg("value", warning.get<std::string>()))
              << "\n";
  }
}

}  // namespace

void add_admin_directories_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* directories = parent.add_subcommand(
      "directories", tr("Directories users and groups come from (OpenLDAP, Active Directory)"));
  directories->require_subcommand(1);

  CLI::App* list =
      directories->add_subcommand("list", tr("List the directories and their last syncs"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/directories"), [](const nlohmann::json& body) {
      Table table({tr("NAME"), tr("URI"), tr("LAST COMPLETE SYNC"), tr("LAST SYNC"),
                   tr("LAST ERROR")});
      for (const auto& d : body.value("directories", nlohmann::json::array())) {
        table.add_row({field_text(d, "name"), field_text(d, "uri"),
                       time_field_text(d, "last_complete_sync"), time_field_text(d, "last_sync"),
                       field_text(d, "last_error")});
      }
      table.print(std::cout);
    });
  });

  auto sync_args = std::make_shared<SyncArguments>();
  CLI::App* sync = directories->add_subcommand(
      "sync", tr("Synchronise users and groups from a directory now (complete by default)"));
  sync->add_option("DIRECTORY", sync_args->directory, tr("The directory's name"))->required();
  sync->add_flag("--dry-run", sync_args->dry_run, tr("Show what would change, change nothing"));
  sync->add_flag("--incremental", sync_args->incremental,
                 tr("Only entries changed since the last sync (disables nobody)"));
  admin.on_run(sync, [&admin, sync_args](api_client::ApiClient& client) {
    const nlohmann::json body = {{"dry_run", sync_args->dry_run},
                                 {"incremental", sync_args->incremental}};
    return admin.finish(
        client.request("POST", object_path("directories", sync_args->directory) + "/sync", body),
        [&](const nlohmann::json& plan) { print_plan(plan, sync_args->dry_run); });
  });
}

}  // namespace printline::cli
