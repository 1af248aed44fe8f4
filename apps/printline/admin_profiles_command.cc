// `printline admin profiles …`: Desktop Client configuration profiles, including Printing →
// Fallback printing (FP-4…FP-6, FP-9). The server validates D8 and says why it refuses.

#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/client_profile.h"
#include "model/json.h"
#include "option_helpers.h"
#include "output.h"

namespace printline::cli {

namespace {

struct ProfileArguments {
  std::string profile;
  std::optional<std::string> name, assign_users, assign_groups, server_addresses;
  std::optional<bool> is_default;
  std::optional<std::int64_t> connect_timeout_ms, heartbeat_interval_s, answer_timeout_s;
  // Fallback printing
  std::optional<bool> fallback_enabled, kx_integration;
  std::optional<std::string> fallback_printers, fallback_group, release;
  std::optional<std::string> device_protocol, device_queue;
  std::optional<int> device_port, keep_days;

  bool changes_fallback() const {
    return fallback_enabled || kx_integration || fallback_printers || fallback_group || release ||
           device_protocol || device_queue || device_port || keep_days;
  }
};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void add_profile_field_options(CLI::App* command, ProfileArguments& args) {
  command->add_option("--assign-users", args.assign_users, tr("Logins that get this profile: a,b"));
  command->add_option("--assign-groups", args.assign_groups,
                      tr("Directory groups that get it: g,h"));
  add_switch(*command, "--default", "--not-default", args.is_default,
             tr("The profile of users no other profile names"));
  command->add_option("--server-addresses", args.server_addresses,
                      tr("Server URLs the client tries in order: https://a:8631,https://b:8631"));
  command->add_option("--client-connect-timeout-ms", args.connect_timeout_ms,
                      tr("Client's connect timeout per server address (default 3000)"));
  command->add_option("--heartbeat-interval-s", args.heartbeat_interval_s,
                      tr("Client's server heartbeat interval (default 10)"));
  command->add_option("--answer-timeout-s", args.answer_timeout_s,
                      tr("How long the client waits for the server's answer to a job before it "
                         "prints on a fallback printer (1-120, default 5)"));
  add_switch(*command, "--fallback-enabled", "--fallback-disabled", args.fallback_enabled,
             tr("Fallback printing when the server is down"));
  command->add_option("--fallback-printers", args.fallback_printers,
                      tr("Fallback printers, names or ids: a,b (replaces --fallback-group)"));
  command->add_option("--fallback-group", args.fallback_group,
                      tr("Fallback printer group, name or id (replaces --fallback-printers)"));
  command
      ->add_option("--release-condition", args.release,
                   tr("always, or credit-quota: only with enough credit/quota"))
      ->check(CLI::IsMember({"always", "credit-quota"}));
  command
      ->add_option("--device-protocol", args.device_protocol,
                   tr("Fallback device port protocol: raw, lpr or ipp"))
      ->check(CLI::IsMember({"raw", "lpr", "ipp", "RAW", "LPR", "IPP"}));
  command->add_option("--device-port", args.device_port,
                      tr("Fallback device TCP port (default per protocol)"));
  command->add_option("--device-queue", args.device_queue,
                      tr("Fallback device queue (LPR queue, IPP path)"));
  add_switch(*command, "--kx-integration", "--no-kx-integration", args.kx_integration,
             tr("KX Driver Network Manager integration: only Kyocera device spooling ports"));
  command->add_option("--keep-days", args.keep_days, tr("Days a waiting job is kept (default 7)"));
}

// Applies the fallback options over `settings`; an error when a printer or group is unknown.
std::optional<api_client::ApiError> apply_fallback(const api_client::ApiClient& client,
                                                   const ProfileArguments& args,
                                                   model::FallbackSettings& settings) {
  if (args.fallback_enabled) settings.enabled = *args.fallback_enabled;
  if (args.kx_integration) settings.kx_integration = *args.kx_integration;
  if (args.fallback_printers) {
    auto ids = resolve_ids(client, "printers", split_list(*args.fallback_printers));
    if (!ids.ok()) return ids.error();
    settings.printer_ids = *ids;
    settings.group_id.reset();
  }
  if (args.fallback_group) {
    auto id = resolve_id(client, "groups", *args.fallback_group);
    if (!id.ok()) return id.error();
    settings.group_id = *id;
    settings.printer_ids.clear();
  }
  if (args.release) {
    settings.release = *args.release == "always" ? model::ReleaseCondition::kAlways
                                                 : model::ReleaseCondition::kCreditQuota;
  }
  if (args.device_protocol) {
    const auto protocol = model::protocol_from_name(upper(*args.device_protocol));
    if (protocol && *protocol != settings.port.protocol) {
      settings.port.protocol = *protocol;
      settings.port.port = model::default_port(*protocol);  // a RAW port is no LPR port
    }
  }
  if (args.device_port) settings.port.port = *args.device_port;
  if (args.device_queue) settings.port.queue = *args.device_queue;
  if (args.keep_days) settings.keep_waiting_days = *args.keep_days;
  return std::nullopt;
}

void profile_fields(const ProfileArguments& args, nlohmann::json& body) {
  if (args.name) body["name"] = *args.name;
  if (args.assign_users) body["assigned_users"] = split_list(*args.assign_users);
  if (args.assign_groups) body["assigned_groups"] = split_list(*args.assign_groups);
  if (args.is_default) body["is_default"] = *args.is_default;
  if (args.server_addresses) body["server_addresses"] = split_list(*args.server_addresses);
  if (args.connect_timeout_ms) body["connect_timeout_ms"] = *args.connect_timeout_ms;
  if (args.heartbeat_interval_s) body["heartbeat_interval_s"] = *args.heartbeat_interval_s;
  if (args.answer_timeout_s) body["answer_timeout_s"] = *args.answer_timeout_s;
}

void print_profile(const nlohmann::json& p) {
  const nlohmann::json fallback = p.value("fallback", nlohmann::json::object());
  const nlohmann::json port = fallback.value("port", nlohmann::json::object());
  const std::string queue = port.value("queue", "");
  const std::string protocol = field_text(port, "protocol"), number = field_text(port, "port");
  const std::string port_text =
      queue.empty() ? trf("{protocol} port {port}", fmt::arg("protocol", protocol),
                          fmt::arg("port", number))
                    : trf("{protocol} port {port} queue {queue}", fmt::arg("protocol", protocol),
                          fmt::arg("port", number), fmt::arg("queue", queue));
  const auto keep_days = fallback.find("keep_waiting_days");
  const std::string keep_text =
      keep_days != fallback.end() && keep_days->is_number_integer()
          ? trnf("{count} day", "{count} days", keep_days->get<unsigned long>())
          : field_text(fallback, "keep_waiting_days");
  print_fields(
      std::cout,
      {{tr("id"), field_text(p, "id")},
       {tr("name"), field_text(p, "name")},
       {tr("default"), yes_no(p.value("is_default", false))},
       {tr("assigned users"), joined(p.value("assigned_users", nlohmann::json::array()))},
       {tr("assigned groups"), joined(p.value("assigned_groups", nlohmann::json::array()))},
       {tr("server addresses"), joined(p.value("server_addresses", nlohmann::json::array()))},
       {tr("connect timeout"),
        trf("{ms} ms", fmt::arg("ms", field_text(p, "connect_timeout_ms")))},
       {tr("heartbeat interval"),
        trf("{seconds} s", fmt::arg("seconds", field_text(p, "heartbeat_interval_s")))},
       {tr("answer timeout"),
        trf("{seconds} s", fmt::arg("seconds", field_text(p, "answer_timeout_s")))},
       {tr("fallback printing"), fallback.value("enabled", false) ? tr("on") : tr("off")},
       {tr("fallback printers"), joined(fallback.value("printer_ids", nlohmann::json::array()))},
       {tr("fallback group"), field_text(fallback, "group_id")},
       {tr("release condition"), field_text(fallback, "release")},
       {tr("device port"), port_text},
       {tr("KX integration"), yes_no(fallback.value("kx_integration", false))},
       {tr("keep waiting jobs"), keep_text},
       {tr("version"), field_text(p, "version")}});
}

// Saves print the profile and every warning (D8: "jobs may be counted twice").
// `created`: the profile is new ("Created profile …"), else changed ("Saved profile …").
void print_saved(bool created, const nlohmann::json& answer) {
  const nlohmann::json profile = answer.value("profile", answer);
  const std::string name = field_text(profile, "name"), id = field_text(profile, "id"),
                    version = field_text(profile, "version");
  std::cout << (created ? trf("Created profile {name} (id {id}, version {version}).",
                              fmt::arg("name", name), fmt::arg("id", id),
                              fmt::arg("version", version))
                        : trf("Saved profile {name} (id {id}, version {version}).",
                              fmt::arg("name", name), fmt::arg("id", id),
                              fmt::arg("version", version)))
            << "\n";
  for (const auto& warning : answer.value("warnings", nlohmann::json::array())) {
    const std::string field = warning.value("field", "");
    const std::string message = warning.value("message", "");
    std::cout << (field.empty() ? trf("Warning: {message}", fmt::arg("message", message))
                                : trf("Warning: {field}: {message}", fmt::arg("field", field),
                                      fmt::arg("message", message)))
              << "\n";
  }
}

}  // namespace

void add_admin_profiles_command(CLI::App& parent, AdminCommand& admin) {
  CLI::App* profiles = parent.add_subcommand(
      "profiles", tr("Desktop Client configuration profiles and fallback printing"));
  profiles->require_subcommand(1);

  CLI::App* list = profiles->add_subcommand("list", tr("List every profile"));
  admin.on_run(list, [&admin](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", "/profiles"), [](const nlohmann::json& body) {
      Table table({tr("ID"), tr("NAME"), tr("DEFAULT"), tr("USERS"), tr("FALLBACK"),
                   tr("PRINTERS"), tr("GROUP"), tr("RELEASE"), tr("KX"), tr("VERSION")});
      for (const auto& p : body.value("profiles", nlohmann::json::array())) {
        const nlohmann::json fallback = p.value("fallback", nlohmann::json::object());
        table.add_row({field_text(p, "id"), field_text(p, "name"),
                       yes_no(p.value("is_default", false)),
                       joined(p.value("assigned_users", nlohmann::json::array())),
                       fallback.value("enabled", false) ? tr("on") : tr("off"),
                       joined(fallback.value("printer_ids", nlohmann::json::array())),
                       field_text(fallback, "group_id"), field_text(fallback, "release"),
                       yes_no(fallback.value("kx_integration", false)), field_text(p, "version")});
      }
      table.print(std::cout);
    });
  });

  auto show_args = std::make_shared<ProfileArguments>();
  CLI::App* show = profiles->add_subcommand("show", tr("Show one profile"));
  show->add_option("PROFILE", show_args->profile, tr("Name or id"))->required();
  admin.on_run(show, [&admin, show_args](api_client::ApiClient& client) {
    return admin.finish(client.request("GET", object_path("profiles", show_args->profile)),
                        print_profile);
  });

  auto create_args = std::make_shared<ProfileArguments>();
  CLI::App* create = profiles->add_subcommand("create", tr("Create a profile"));
  create->add_option("NAME", create_args->profile, tr("Profile name"))->required();
  add_profile_field_options(create, *create_args);
  admin.on_run(create, [&admin, create_args](api_client::ApiClient& client) {
    nlohmann::json body = {{"name", create_args->profile}};
    profile_fields(*create_args, body);
    if (create_args->changes_fallback()) {
      model::FallbackSettings settings;
      if (auto error = apply_fallback(client, *create_args, settings)) return admin.fail(*error);
      body["fallback"] = settings;
    }
    return admin.finish(client.request("POST", "/profiles", body),
                        [](const nlohmann::json& answer) { print_saved(true, answer); });
  });

  auto update_args = std::make_shared<ProfileArguments>();
  CLI::App* update = profiles->add_subcommand(
      "update", tr("Change a profile (fallback options change only the settings given)"));
  update->add_option("PROFILE", update_args->profile, tr("Name or id"))->required();
  update->add_option("--name", update_args->name, tr("New name"));
  add_profile_field_options(update, *update_args);
  admin.on_run(update, [&admin, update_args](api_client::ApiClient& client) {
    nlohmann::json body = nlohmann::json::object();
    profile_fields(*update_args, body);
    if (update_args->changes_fallback()) {
      // The API replaces `fallback` whole: start from the stored settings.
      auto current = client.request("GET", object_path("profiles", update_args->profile));
      if (!current.ok()) return admin.fail(current.error());
      auto profile = model::parse_json<model::ClientProfile>(current->body);
      if (!profile.ok()) {
        return admin.fail(
            trf("The server's profile: {reason}", fmt::arg("reason", profile.error().message)),
            kFailure);
      }
      model::FallbackSettings settings = profile->fallback;
      if (auto error = apply_fallback(client, *update_args, settings)) return admin.fail(*error);
      body["fallback"] = settings;
    }
    if (body.empty()) return admin.fail(tr("Nothing to change: give at least one option."), kUsage);
    return admin.finish(
        client.request("PATCH", object_path("profiles", update_args->profile), body),
        [](const nlohmann::json& answer) { print_saved(false, answer); });
  });

  auto delete_args = std::make_shared<ProfileArguments>();
  CLI::App* remove = profiles->add_subcommand("delete", tr("Delete a profile"));
  remove->add_option("PROFILE", delete_args->profile, tr("Name or id"))->required();
  admin.on_run(remove, [&admin, delete_args](api_client::ApiClient& client) {
    return admin.finish(client.request("DELETE", object_path("profiles", delete_args->profile)),
                        [&](const nlohmann::json&) {
                          std::cout << trf("Deleted profile {name}.",
                                           fmt::arg("name", delete_args->profile))
                                    << "\n";
                        });
  });
}

}  // namespace printline::cli
