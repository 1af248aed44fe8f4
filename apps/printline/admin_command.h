#pragma once
// `printline admin …`: every administrative operation of the REST API (docs/api.md), one
// file per family (admin_users_command.cc, admin_printers_command.cc, …). This holds what
// they share: connecting, --json, reporting failures, resolving names to ids.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_client/api_client.h"
#include "server_session.h"

namespace printline::cli {

class AdminCommand {
 public:
  AdminCommand(GlobalOptions& global, std::function<int()>& run) : global_(global), run_(run) {}

  bool json() const { return json_; }

  using Body = std::function<int(api_client::ApiClient& client)>;
  // Makes `body` what main() runs when `command` is chosen, with a logged-in client.
  void on_run(CLI::App* command, Body body);

  // Prints a failed call and returns its exit code.
  int fail(const api_client::ApiError& error) const;
  int fail(const std::string& message, int exit_code) const;

  // The common ending of a command: on failure report it; with --json print the answer as it
  // is ({"ok": true} for answers without a body); else call `human` with the body.
  int finish(const api_client::ApiResult<api_client::ApiResponse>& answer,
             const std::function<void(const nlohmann::json&)>& human) const;

 private:
  friend void add_admin_command(CLI::App&, AdminCommand&);
  GlobalOptions& global_;
  std::function<int()>& run_;
  bool json_ = false;
  std::string running_;  // "admin users create", for messages
};

// Registers `admin` and its families on `app`.
void add_admin_command(CLI::App& app, AdminCommand& admin);

// Families, one file each.
void add_admin_users_command(CLI::App& parent, AdminCommand& admin);
void add_admin_printers_command(CLI::App& parent, AdminCommand& admin);
void add_admin_groups_command(CLI::App& parent, AdminCommand& admin);
void add_admin_user_groups_command(CLI::App& parent, AdminCommand& admin);
void add_admin_directories_command(CLI::App& parent, AdminCommand& admin);
void add_admin_queues_command(CLI::App& parent, AdminCommand& admin);
void add_admin_prices_command(CLI::App& parent, AdminCommand& admin);
void add_admin_profiles_command(CLI::App& parent, AdminCommand& admin);
void add_admin_jobs_command(CLI::App& parent, AdminCommand& admin);
void add_admin_reports_command(CLI::App& parent, AdminCommand& admin);
void add_admin_audit_command(CLI::App& parent, AdminCommand& admin);
void add_admin_fallback_test_command(CLI::App& parent, AdminCommand& admin);

// Where a job was printed or a ledger entry comes from ("server", "fallback": the API's
// keywords) for people, in their language (glossary: « serveur » / « secours »).
std::string origin_text(const std::string& origin);

// "/users/" + the reference, percent-encoded.
std::string object_path(const std::string& collection, const std::string& reference);

// A printer or group reference (id or name) as its id, asking the server for names.
api_client::ApiResult<std::int64_t> resolve_id(const api_client::ApiClient& client,
                                               const std::string& collection,
                                               const std::string& reference);
api_client::ApiResult<std::vector<std::int64_t>> resolve_ids(
    const api_client::ApiClient& client, const std::string& collection,
    const std::vector<std::string>& references);

}  // namespace printline::cli
