// `printline admin queues …`: server print queues, direct (to a printer or a group) or hold.

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

struct QueueArguments {
  std::string queue;
  std::optional<std::string> name, kind, printer, group, hold_time;
  bool no_target = false;
};

// "8h", "never", "server default": how long held jobs wait, as --hold-time takes it.
std::string hold_time_text(const nlohmann::json& q) {
  const auto it = q.find("hold_expiry_seconds");
  if (it == q.end() || !it->is_number_integer()) return tr("server default");
  const auto seconds = it->get<std::int64_t>();
  if (seconds == 0) return tr("never");
  if (seconds % (24 * 3600) == 0) return std::to_string(seconds / (24 * 3600)) + "d";
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

// A queue's kind (the API's keyword) for people.
std::string kind_text(const std::string& kind) {
  if (kind == "direct") return tr("direct");
  if (kind == "hold") return tr("hold");
  return kind;
}

void print_queue(const nlohmann::json& q) {
  print_fields(std::cout, {{tr("id"), field_text(q, "id")},
                           {tr("name"), field_text(q, "name")},
                           {tr("kind"), kind_text(field_text(q, "kind"))},
                           {tr("printer id"), field_text(q, "printer_id")},
                           {tr("group id"), field_text(q, "group_id")},
                           {tr("hold time"), hold_time_text(q)}});
}

void add_queue_field_options(CLI::App* command, QueueArguments& args) {
  command->add_option("--kind", args.kind, tr("direct (prints at once) or hold (until released)"))
      ->check(CLI::IsMember({"direct", "hold"}));
  command->add_option("--printer", args.printer, tr("Direct queue: its printer (name or id)"));
  command->add_option("--group", args.group, tr("Direct queue: its printer group (name or id)"));
  command
      ->add_option("--hold-time", args.hold_time,
                   tr("How long a held job waits to be released before it is deleted: "
                      "90s, 30m, 8h, 2d, never, or default (the server's setting)"))
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            if (value == "never" || value == "default") return {};
            const auto seconds = parse_duration(value);
            if (seconds && *seconds > 0) return {};
            return trf("{value} is not a duration: write 90s, 30m, 8h, 2d, never or default",
                       fmt::arg("value", value));
          },
          "DURATION"));
}

// Setting one target clears the other, so that switching a queue from a printer to a group is
// one command.
std::optional<api_client::ApiError> queue_fields(const api_client::ApiClient& client,
                                                 const QueueArguments& args, nlohmann::json& body) {
  if (args.name) body["name"] = *args.name;
  if (args.kind) body["kind"] = *args.kind;
  if (args.hold_time == "default") {
    body["hold_expiry_seconds"] = nullptr;
  } else if (args.hold_time == "never") {
    body["hold_expiry_seconds"] = 0;
  } else if (args.hold_time) {
    body["hold_expiry_seconds"] = *parse_duration(*args.hold_time);  // checked by the option
  }
  if (args.no_target) {
    body["printer_id"] = nullptr;
    body["group_id"] = nullptr;
  }
  if (args.printer) {
    auto id = resolve_id(client, "printers", *args.printer);
    if (!id.ok()) return id.error();
    body["printer_id"] = *id;
    if (!args.group) body["group_id"] = nullptr;
  }
  if (args.group) {
    auto id = resolve_id(client, "groups", *args.group);
    if (!id.ok()) return id.error();
    body["group_id"] = *id;
    if (!args.printer) body["printer_id"] = nullptr;
  }
  return std::nullopt;
}

}  // namespace

void add_admin_queues_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* queues =
      parent.add_subcommand("queues", tr("Server print queues (IPP /ipp/print/<name>)"));
  queues->require_subcommand(1);

  CLI::App* list = queues->add_subcommand("list", tr("List every queue"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/queues"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("NAME"), tr("KIND"), tr("PRINTER ID"), tr("GROUP ID"),
                   tr("HOLD TIME")});
      for (const auto& q : body.value("queues", nlohmann::json::array())) {
        table.add_row({field_text(q, "id"), field_text(q, "name"),
                       kind_text(field_text(q, "kind")),
                       field_text(q, "printer_id"), field_text(q, "group_id"), hold_time_text(q)});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<QueueArguments>();
  CLI::App* show = queues->add_subcommand("show", tr("Show one queue"));
  show->add_option("QUEUE", show_args->queue, tr("Name or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("queues", show_args->queue)),
                        print_queue);
  });

  auto create_args = std::make_shared<QueueArguments>();
  CLI::App* create = queues->add_subcommand("create", tr("Create a queue"));
  create->add_option("NAME", create_args->queue, tr("Queue name (also its IPP path)"))->required();
  add_queue_field_options(create, *create_args);
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"name", create_args->queue}};
    if (auto error = queue_fields(client, *create_args, body)) return admin.fail(*error);
    return admin.finish(client.request("POST", "/queues", body), [](const nlohmann::json& q) {
      const std::string kind = field_text(q, "kind"), name = field_text(q, "name"),
                        id = field_text(q, "id");
      std::cout << (kind == "hold" ? trf("Created hold queue {name} (id {id}).",
                                         fmt::arg("name", name), fmt::arg("id", id))
                    : kind == "direct"
                        ? trf("Created direct queue {name} (id {id}).", fmt::arg("name", name),
                              fmt::arg("id", id))
                        : trf("Created queue {name} (id {id}).", fmt::arg("name", name),
                              fmt::arg("id", id)))
                << "\n";
    });
  });

  auto update_args = std::make_shared<QueueArguments>();
  CLI::App* update = queues->add_subcommand("update", tr("Change a queue"));
  update->add_option("QUEUE", update_args->queue, tr("Name or id"))->required();
  update->add_option("--name", update_args->name, tr("New name"));
  add_queue_field_options(update, *update_args);
  update->add_flag("--no-target", update_args->no_target,
                   tr("Clear the printer and group (hold queues)"));
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json body = nlohmann::json::object();
    if (auto error = queue_fields(client, *update_args, body)) return admin.fail(*error);
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(client.request("PATCH", object_path("queues", update_args->queue), body),
                        print_queue);
  });

  auto delete_args = std::make_shared<QueueArguments>();
  CLI::App* remove = queues->add_subcommand("delete", tr("Delete a queue"));
  remove->add_option("QUEUE", delete_args->queue, tr("Name or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(client.request("DELETE", object_path("queues", delete_args->queue)),
                        [&](const nlohmann::json&) {
                          std::cout << trf("Deleted queue {name}.",
                                           fmt::arg("name", delete_args->queue))
                                    << "\n";
                        });
  });
}

}  // namespace printline::cli
