#include "admin_command.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "api_client/query_string.h"
#include "api_failure.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "output.h"

namespace printline::cli {

namespace {

std::string full_name(const CLI::App* command) {
  std::string name = command->get_name();
  for (const CLI::App* parent = command->get_parent();
       parent != nullptr && parent->get_parent() != nullptr; parent = parent->get_parent()) {
    name = parent->get_name() + " " + name;
  }
  return name;
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

void AdminCommand::on_run(CLI::App* command, Body body) {
  command->callback([this, command, body = std::move(body)] {
    const std::string name = full_name(command);
    run_ = [this, name, body] {
      running_ = name;
      auto client = connect(global_);
      if (!client.ok()) return fail(client.error().message, kNotLoggedIn);
      if (!json_) learn_server_currency(**client);
      return body(**client);
    };
  });
}

int AdminCommand::fail(const api_client::ApiError& error) const {
  return report_failure(running_, error);
}

int AdminCommand::fail(const std::string& message, int exit_code) const {
  return report_local_failure(running_, message, exit_code);
}

int AdminCommand::finish(const api_client::ApiResult<api_client::ApiResponse>& answer,
                         const std::function<void(const nlohmann::json&)>& human) const {
  if (!answer.ok()) return fail(answer.error());
  if (json_) {
    print_json(std::cout, answer->body.is_null() ? nlohmann::json{{"ok", true}} : answer->body);
  } else {
    human(answer->body);
  }
  return kOk;
}

void add_admin_command(CLI::App& app, AdminCommand& admin) {
  CLI::App* command = app.add_subcommand(
      "admin", tr("Administer the server: users, user groups, directories, printers, groups, "
                  "queues, prices, profiles, jobs, reports, audit, fallback test."));
  command->require_subcommand(1);
  command->fallthrough();
  command->add_flag("--json", admin.json_, tr("Print the server's JSON answer (for scripts)"));
  add_admin_users_command(*command, admin);
  add_admin_printers_command(*command, admin);
  add_admin_groups_command(*command, admin);
  add_admin_user_groups_command(*command, admin);
  add_admin_directories_command(*command, admin);
  add_admin_queues_command(*command, admin);
  add_admin_prices_command(*command, admin);
  add_admin_profiles_command(*command, admin);
  add_admin_jobs_command(*command, admin);
  add_admin_reports_command(*command, admin);
  add_admin_audit_command(*command, admin);
  add_admin_fallback_test_command(*command, admin);
}

std::string origin_text(const std::string& origin) {
  if (origin == "server") return tr("server");
  if (origin == "fallback") return tr("fallback");
  return origin;
}

std::string object_path(const std::string& collection, const std::string& reference) {
  return "/" + collection + "/" + api_client::percent_encode(reference);
}

api_client::ApiResult<std::int64_t> resolve_id(const api_client::ApiClient& client,
                                               const std::string& collection,
                                               const std::string& reference) {
  if (all_digits(reference)) return std::stoll(reference);
  auto answer = client.request("GET", object_path(collection, reference));
  if (!answer.ok()) return answer.error();
  if (!answer->body.contains("id")) {
    api_client::ApiError error;
    error.kind = api_client::FailureKind::kBadAnswer;
    error.message = trf("The server's answer for {collection} \"{reference}\" has no id.",
                        fmt::arg("collection", collection), fmt::arg("reference", reference));
    return error;
  }
  return answer->body["id"].get<std::int64_t>();
}

api_client::ApiResult<std::vector<std::int64_t>> resolve_ids(
    const api_client::ApiClient& client, const std::string& collection,
    const std::vector<std::string>& references) {
  std::vector<std::int64_t> ids;
  for (const std::string& reference : references) {
    auto id = resolve_id(client, collection, reference);
    if (!id.ok()) return id.error();
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace printline::cli
