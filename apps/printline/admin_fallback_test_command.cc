// `printline admin fallback-test [--send-test-page]` (D9): the server probes every fallback
// printer's effective port and may send a one-page test job; reported per printer. The exit
// code is non-zero when any printer is not ready, so it can gate a roll-out.

#include <iostream>
#include <memory>
#include <optional>

#include "admin_command.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "output.h"

namespace printline::cli {

namespace {

struct FallbackTestArguments {
  std::string profile;
  bool send_test_page = false;
  std::optional<int> timeout_ms;
};

bool all_ready(const nlohmann::json& body) {
  for (const auto& r : body.value("results", nlohmann::json::array())) {
    const std::string status = r.value("status", "");
    if (status != "reachable" && status != "accepted") return false;
  }
  return true;
}

// A probe's status (the API's keyword) for people.
std::string status_text(const std::string& status) {
  if (status == "reachable") return tr("reachable");
  if (status == "unreachable") return tr("unreachable");
  if (status == "accepted") return tr("accepted");
  if (status == "rejected") return tr("rejected");
  if (status == "misconfigured") return tr("misconfigured");
  return status;
}

}  // namespace

void add_admin_fallback_test_command(CLI::App& parent, AdminCommand& admin) {
  auto args = std::make_shared<FallbackTestArguments>();
  CLI::App* test = parent.add_subcommand(
      "fallback-test",
      tr("Probe every fallback printer from the server, optionally print a test page"));
  test->add_option("--profile", args->profile, tr("Only this profile (name or id)"));
  test->add_flag("--send-test-page", args->send_test_page,
                 tr("Send a one-page test job to each reachable printer"));
  test->add_option("--probe-timeout-ms", args->timeout_ms,
                   tr("Per-printer timeout, 100-30000 (default 2000)"));
  admin.on_run(test, [&admin, args](api_client::ApiClient& client) {
    nlohmann::json body = {{"send_test_page", args->send_test_page}};
    if (!args->profile.empty()) body["profile"] = args->profile;
    if (args->timeout_ms) body["timeout_ms"] = *args->timeout_ms;
    auto answer = client.request("POST", "/admin/fallback-test", body);
    const int shown = admin.finish(answer, [](const nlohmann::json& result) {
      Table table({tr("PROFILE"), tr("PRINTER"), tr("ADDRESS"), tr("STATUS"), tr("MS"),
                   tr("MESSAGE")});
      for (const auto& r : result.value("results", nlohmann::json::array())) {
        std::string message = r.value("message", "");
        const nlohmann::json page = r.value("test_page", nlohmann::json());
        if (page.is_object() && page.value("message", "") != message) {
          message += (message.empty() ? "" : " ") +
                     trf("Test page: {outcome}, {message}",
                         fmt::arg("outcome", page.value("outcome", "")),
                         fmt::arg("message", page.value("message", "")));
        }
        table.add_row({field_text(r, "profile"), field_text(r, "printer"),
                       field_text(r, "device_uri"), status_text(r.value("status", "")),
                       field_text(r, "ms"),
                       message});
      }
      table.print(std::cout);
    });
    if (shown != kOk) return shown;
    if (!all_ready(answer->body)) {
      std::cerr << "printline admin fallback-test: "
                << tr("some fallback printers are not ready; see the messages above.") << "\n";
      return static_cast<int>(kFallbackTestFailed);
    }
    return static_cast<int>(kOk);
  });
}

}  // namespace printline::cli
