// `printline admin groups …`: named, ordered sets of printers (failover order of a direct
// queue, or a profile's fallback printers).

#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "option_helpers.h"
#include "output.h"

namespace printline::cli {

namespace {

struct GroupArguments {
  std::string group;
  std::optional<std::string> name, description, printers;
};

void print_group(const nlohmann::json& g) {
  print_fields(std::cout,
               {{tr("id"), field_text(g, "id")},
                {tr("name"), field_text(g, "name")},
                {tr("description"), field_text(g, "description")},
                {tr("printer ids"), joined(g.value("printer_ids", nlohmann::json::array()))}});
}

// Fills the body; an error when a printer name is unknown.
std::optional<api_client::ApiError> group_fields(const api_client::ApiClient& client,
                                                 const GroupArguments& args, nlohmann::json& body) {
  if (args.name) body["name"] = *args.name;
  if (args.description) body["description"] = *args.description;
  if (args.printers) {
    auto ids = resolve_ids(client, "printers", split_list(*args.printers));
    if (!ids.ok()) return ids.error();
    body["printer_ids"] = *ids;
  }
  return std::nullopt;
}

void add_group_field_options(CLI::App* command, GroupArguments& args) {
  command->add_option("--description", args.description, tr("What the group is"));
  command->add_option("--printers", args.printers,
                      tr("Member printers in failover order, names or ids: a,b,c"));
}

}  // namespace

void add_admin_groups_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* groups = parent.add_subcommand("groups", tr("Printer groups"));
  groups->require_subcommand(1);

  CLI::App* list = groups->add_subcommand("list", tr("List every group"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/groups"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("NAME"), tr("PRINTER IDS"), tr("DESCRIPTION")});
      for (const auto& g : body.value("groups", nlohmann::json::array())) {
        table.add_row({field_text(g, "id"), field_text(g, "name"),
                       joined(g.value("printer_ids", nlohmann::json::array())),
                       field_text(g, "description")});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<GroupArguments>();
  CLI::App* show = groups->add_subcommand("show", tr("Show one group"));
  show->add_option("GROUP", show_args->group, tr("Name or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("groups", show_args->group)),
                        print_group);
  });

  auto create_args = std::make_shared<GroupArguments>();
  CLI::App* create = groups->add_subcommand("create", tr("Create a group"));
  create->add_option("NAME", create_args->group, tr("Group name"))->required();
  add_group_field_options(create, *create_args);
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"name", create_args->group}};
    if (auto error = group_fields(client, *create_args, body)) return admin.fail(*error);
    return admin.finish(client.request("POST", "/groups", body), [](const nlohmann::json& g) {
      std::cout << trf("Created group {name} (id {id}).",
                       fmt::arg("name", field_text(g, "name")), fmt::arg("id", field_text(g, "id")))
                << "\n";
    });
  });

  auto update_args = std::make_shared<GroupArguments>();
  CLI::App* update =
      groups->add_subcommand("update", tr("Change a group (--printers replaces the members)"));
  update->add_option("GROUP", update_args->group, tr("Name or id"))->required();
  update->add_option("--name", update_args->name, tr("New name"));
  add_group_field_options(update, *update_args);
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json body = nlohmann::json::object();
    if (auto error = group_fields(client, *update_args, body)) return admin.fail(*error);
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(client.request("PATCH", object_path("groups", update_args->group), body),
                        print_group);
  });

  auto delete_args = std::make_shared<GroupArguments>();
  CLI::App* remove = groups->add_subcommand("delete", tr("Delete a group"));
  remove->add_option("GROUP", delete_args->group, tr("Name or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(client.request("DELETE", object_path("groups", delete_args->group)),
                        [&](const nlohmann::json&) {
                          std::cout << trf("Deleted group {name}.",
                                           fmt::arg("name", delete_args->group))
                                    << "\n";
                        });
  });
}

}  // namespace printline::cli
