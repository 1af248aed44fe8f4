// `printline admin user-groups …`: groups of users, to which Desktop Client profiles are
// assigned, with the quota of members who have none of their own.

#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/json_number.h"
#include "option_helpers.h"
#include "output.h"
#include "quota_options.h"

namespace printline::cli {

namespace {

struct UserGroupArguments {
  std::string group;
  std::optional<std::string> name, description, members, initial_credit;
  QuotaArguments quota;
};

void print_user_group(const nlohmann::json& g) {
  print_fields(std::cout,
               {{tr("id"), field_text(g, "id")},
                {tr("name"), field_text(g, "name")},
                {tr("description"), field_text(g, "description")},
                {tr("member ids"), joined(g.value("member_ids", nlohmann::json::array()))},
                {tr("directory"), field_text(g, "source")},
                {tr("initial credit"),
                 money(model::integer_or(g, "initial_credit_cents", std::int64_t{0}))},
                {tr("quota"), quota_text(g.value("quota", nlohmann::json()))}});
}

// --initial-credit and the quota options into the body (the quota over `current_quota`); a
// message when a value is wrong.
std::optional<std::string> amount_fields(const UserGroupArguments& args, nlohmann::json& body,
                                         const nlohmann::json& current_quota = nullptr) {
  if (args.initial_credit) {
    const auto cents = parse_money(*args.initial_credit);
    if (!cents || *cents < 0) return tr("--initial-credit must be an amount like 5 or 5.50");
    body["initial_credit_cents"] = *cents;
  }
  return quota_field(args.quota, body, current_quota);
}

// Fills the body; an error when a login is unknown.
std::optional<api_client::ApiError> user_group_fields(const api_client::ApiClient& client,
                                                      const UserGroupArguments& args,
                                                      nlohmann::json& body) {
  if (args.name) body["name"] = *args.name;
  if (args.description) body["description"] = *args.description;
  if (args.members) {
    auto ids = resolve_ids(client, "users", split_list(*args.members));
    if (!ids.ok()) return ids.error();
    body["member_ids"] = *ids;
  }
  return std::nullopt;
}

void add_user_group_field_options(CLI::App* command, UserGroupArguments& args) {
  command->add_option("--description", args.description, tr("What the group is"));
  command->add_option("--members", args.members, tr("Members, logins or ids: anna,bob"));
  command->add_option("--initial-credit", args.initial_credit,
                      tr("Credit a new directory account of the group starts with, e.g. 5.00"));
  add_quota_options(command, args.quota);
}

}  // namespace

void add_admin_user_groups_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* groups = parent.add_subcommand(
      "user-groups", tr("Groups of users, to which Desktop Client profiles are assigned"));
  groups->require_subcommand(1);

  CLI::App* list = groups->add_subcommand("list", tr("List every group of users"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/user-groups"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("NAME"), tr("MEMBER IDS"), tr("DESCRIPTION")});
      for (const auto& g : body.value("user_groups", nlohmann::json::array())) {
        table.add_row({field_text(g, "id"), field_text(g, "name"),
                       joined(g.value("member_ids", nlohmann::json::array())),
                       field_text(g, "description")});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<UserGroupArguments>();
  CLI::App* show = groups->add_subcommand("show", tr("Show one group of users"));
  show->add_option("GROUP", show_args->group, tr("Name or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("user-groups", show_args->group)),
                        print_user_group);
  });

  auto create_args = std::make_shared<UserGroupArguments>();
  CLI::App* create = groups->add_subcommand("create", tr("Create a group of users"));
  create->add_option("NAME", create_args->group, tr("Group name"))->required();
  add_user_group_field_options(create, *create_args);
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"name", create_args->group}};
    if (auto problem = amount_fields(*create_args, body)) {
      return admin.fail(*problem, kUsage);
    }
    if (auto error = user_group_fields(client, *create_args, body)) return admin.fail(*error);
    return admin.finish(client.request("POST", "/user-groups", body), [](const nlohmann::json& g) {
      std::cout << trf("Created group of users {name} (id {id}).",
                       fmt::arg("name", field_text(g, "name")), fmt::arg("id", field_text(g, "id")))
                << "\n";
    });
  });

  auto update_args = std::make_shared<UserGroupArguments>();
  CLI::App* update = groups->add_subcommand(
      "update", tr("Change a group of users (--members replaces the members)"));
  update->add_option("GROUP", update_args->group, tr("Name or id"))->required();
  update->add_option("--name", update_args->name, tr("New name"));
  add_user_group_field_options(update, *update_args);
  update->add_flag("--no-quota", update_args->quota.none,
                   tr("Remove the group's quota (its members are then held to their own, or to "
                      "another group's)"));
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json current_quota;
    if (update_args->quota.sets_limits()) {
      auto current = client.request("GET", object_path("user-groups", update_args->group));
      if (!current.ok()) return admin.fail(current.error());
      current_quota = current->body.value("quota", nlohmann::json());
    }
    nlohmann::json body = nlohmann::json::object();
    if (auto problem = amount_fields(*update_args, body, current_quota)) {
      return admin.fail(*problem, kUsage);
    }
    if (auto error = user_group_fields(client, *update_args, body)) return admin.fail(*error);
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(
        client.request("PATCH", object_path("user-groups", update_args->group), body),
        print_user_group);
  });

  auto delete_args = std::make_shared<UserGroupArguments>();
  CLI::App* remove = groups->add_subcommand("delete", tr("Delete a group of users"));
  remove->add_option("GROUP", delete_args->group, tr("Name or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(
        client.request("DELETE", object_path("user-groups", delete_args->group)),
        [&](const nlohmann::json&) {
          std::cout << trf("Deleted group of users {name}.", fmt::arg("name", delete_args->group))
                    << "\n";
        });
  });
}

}  // namespace printline::cli
