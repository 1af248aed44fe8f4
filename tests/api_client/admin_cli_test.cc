// `printline login` and `printline admin …` as an administrator would script them: the built
// binary against a real in-process server, every value read back with --json.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/i18n.h"
#include "model/timestamp.h"
#include "cli_runner.h"
#include "loopback_ports.h"
#include "server/running_server.h"

namespace printline::testing {
namespace {

namespace fs = std::filesystem;

// Exit codes from apps/printline/exit_codes.h (the contract scripts rely on).
constexpr int kOk = 0;
constexpr int kNotLoggedIn = 12;
constexpr int kRefusedByServer = 13;
constexpr int kServerUnreachable = 14;

class AdminCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RunningServer();
    char pattern[] = "/tmp/printline-cli-test-XXXXXX";
    home_ = ::mkdtemp(pattern);
    std::ofstream(home_ / "admin-password") << RunningServer::kAdminPassword << "\n";
    std::ofstream(home_ / "alice-password") << "alice-secret-1\n";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(home_);
  }

  static std::map<std::string, std::string> environment(const fs::path& config) {
    return {{"XDG_CONFIG_HOME", config.string()},
            {"HOME", home_.string()},
            {"PRINTLINE_SERVER", ""},
            {"PRINTLINE_TOKEN", ""},
            {"PRINTLINE_PASSWORD", ""},
            {"PRINTLINE_USER_PASSWORD", ""}};
  }

  // Runs printline with the suite's saved login.
  static CliRun cli(const std::vector<std::string>& arguments) {
    return run_cli(PRINTLINE_CLI_PATH, arguments, environment(home_ / "config"));
  }

  // Runs `printline admin --json …`, expects success, returns the parsed answer.
  static nlohmann::json json_of(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"admin", "--json"});
    const CliRun run = cli(arguments);
    EXPECT_EQ(run.exit_code, kOk) << run.err;
    auto parsed = nlohmann::json::parse(run.out, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << run.out;
    return parsed;
  }

  // Runs printline with the suite's saved login on a workstation whose locale is `language`
  // (LANG), as user_cli_test's as() does.
  static CliRun cli_in(const std::string& language, const std::vector<std::string>& arguments) {
    auto env = environment(home_ / "config");
    env.insert({{"LANG", language}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANGUAGE", ""}});
    return run_cli(PRINTLINE_CLI_PATH, arguments, env);
  }

  static void expect_ok(const std::vector<std::string>& arguments) {
    const CliRun run = cli(arguments);
    EXPECT_EQ(run.exit_code, kOk) << "printline " << ::testing::PrintToString(arguments) << "\n"
                                  << run.err;
  }

  static void login() {
    const CliRun run = cli({"login", "--server", server_->base_url(), "--user", "admin",
                            "--password-file", (home_ / "admin-password").string()});
    ASSERT_EQ(run.exit_code, kOk) << run.err;
  }

  static RunningServer* server_;
  static fs::path home_;
};

RunningServer* AdminCliTest::server_ = nullptr;
fs::path AdminCliTest::home_;

TEST_F(AdminCliTest, LoginSavesTheTokenReadableOnlyByTheUser) {
  const CliRun run = cli({"login", "--server", server_->base_url(), "--user", "admin",
                          "--password-file", (home_ / "admin-password").string()});
  ASSERT_EQ(run.exit_code, kOk) << run.err;
  EXPECT_NE(run.out.find("Logged in"), std::string::npos);
  const fs::path saved = home_ / "config" / "printline" / "credentials.json";
  ASSERT_TRUE(fs::exists(saved));
  struct stat info {};
  ASSERT_EQ(::stat(saved.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  std::ifstream in(saved);
  const auto j = nlohmann::json::parse(in);
  EXPECT_FALSE(j.value("token", "").empty());
  EXPECT_EQ(j.value("server", ""), server_->base_url());
}

TEST_F(AdminCliTest, WrongPasswordIsRefusedWithTheServersMessage) {
  const fs::path config = home_ / "other-config";
  std::ofstream(home_ / "wrong") << "wrong-password\n";
  const CliRun run = run_cli(PRINTLINE_CLI_PATH,
                             {"login", "--server", server_->base_url(), "--user", "admin",
                              "--password-file", (home_ / "wrong").string()},
                             environment(config));
  EXPECT_EQ(run.exit_code, kRefusedByServer);
  EXPECT_NE(run.err.find("printline login: "), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(config / "printline" / "credentials.json"));
}

TEST_F(AdminCliTest, SetsUpUsersPrintersGroupQueueAndProfile) {
  login();
  // Users
  const CliRun created =
      cli({"admin", "users", "create", "alice", "--name", "Alice Martin", "--email",
           "alice@example.org", "--quota-period", "month", "--quota-pages", "500",
           "--password-file", (home_ / "alice-password").string()});
  ASSERT_EQ(created.exit_code, kOk) << created.err;
  expect_ok({"admin", "users", "top-up", "alice", "12.50", "--note", "cash"});
  auto alice = json_of({"users", "show", "alice"});
  EXPECT_EQ(alice.value("name", ""), "Alice Martin");
  EXPECT_EQ(alice.value("email", ""), "alice@example.org");
  EXPECT_EQ(alice.value("role", ""), "user");
  EXPECT_EQ(alice.value("balance_cents", 0), 1250);
  ASSERT_TRUE(alice["quota"].is_object()) << alice.dump();
  EXPECT_EQ(alice["quota"].value("page_limit", 0), 500);
  EXPECT_EQ(alice["quota"].value("period", ""), "month");

  // Changing one quota limit keeps the period and the other limit.
  expect_ok({"admin", "users", "update", "alice", "--quota-period", "week", "--quota-cost", "20"});
  expect_ok({"admin", "users", "update", "alice", "--quota-pages", "300"});
  alice = json_of({"users", "show", "alice"});
  EXPECT_EQ(alice["quota"].value("period", ""), "week") << alice.dump();
  EXPECT_EQ(alice["quota"].value("page_limit", 0), 300);
  EXPECT_EQ(alice["quota"].value("cost_limit_cents", 0), 2000);
  // D14: the language of what she sees, wherever she logs in.
  expect_ok({"admin", "users", "update", "alice", "--language", "fr"});
  EXPECT_EQ(json_of({"users", "show", "alice"}).value("language", ""), "fr");
  EXPECT_NE(cli({"admin", "users", "update", "alice", "--language", "tlh"}).exit_code, kOk);

  expect_ok(
      {"admin", "users", "create", "bob", "--password-file", (home_ / "alice-password").string()});
  expect_ok({"admin", "users", "set-role", "bob", "admin"});
  expect_ok({"admin", "users", "update", "bob", "--name", "Bob", "--no-credit"});
  auto bob = json_of({"users", "show", "bob"});
  EXPECT_EQ(bob.value("role", ""), "admin");
  EXPECT_EQ(bob.value("name", ""), "Bob");
  EXPECT_EQ(bob.value("pays_with_credit", true), false);
  expect_ok({"admin", "users", "set-password", "bob", "--password-file",
             (home_ / "admin-password").string()});
  expect_ok({"admin", "users", "delete", "bob"});
  auto users = json_of({"users", "list"});
  for (const auto& u : users.value("users", nlohmann::json::array())) {
    EXPECT_NE(u.value("login", ""), "bob");
  }

  // Printers: a Kyocera with a device spooling port, and a plain mono printer.
  expect_ok({"admin",         "printers",     "create",
             "floor2-color",  "--uri",        "socket://127.0.0.1:9100",
             "--color",       "--paper",      "A3",
             "--duplex",      "--vendor",     "Kyocera",
             "--location",    "2nd floor",    "--spool-protocol",
             "lpr",           "--spool-port", "515",
             "--spool-queue", "spool"});
  expect_ok({"admin", "printers", "create", "hall-mono", "--uri", "lpd://127.0.0.1:515/lp",
             "--mono", "--vendor", "Brother"});
  auto color = json_of({"printers", "show", "floor2-color"});
  EXPECT_EQ(color.value("device_uri", ""), "socket://127.0.0.1:9100");
  EXPECT_EQ(color.value("color", false), true);
  EXPECT_EQ(color.value("largest_paper", ""), "A3");
  EXPECT_EQ(color.value("duplex", false), true);
  EXPECT_EQ(color.value("vendor", ""), "Kyocera");
  EXPECT_EQ(color.value("location", ""), "2nd floor");
  ASSERT_TRUE(color["spooling_port"].is_object()) << color.dump();
  EXPECT_EQ(color["spooling_port"].value("protocol", ""), "LPR");
  EXPECT_EQ(color["spooling_port"].value("port", 0), 515);
  EXPECT_EQ(color["spooling_port"].value("queue", ""), "spool");
  const auto color_id = color.value("id", 0);
  const auto mono_id = json_of({"printers", "show", "hall-mono"}).value("id", 0);
  expect_ok({"admin", "printers", "update", "hall-mono", "--location", "hall"});
  EXPECT_EQ(json_of({"printers", "show", "hall-mono"}).value("location", ""), "hall");
  // D11: `add`/`set` with the language and the paper sizes the printer takes.
  expect_ok({"admin", "printers", "add", "floor3-pxl", "--uri", "socket://127.0.0.1:9101",
             "--language", "pcl-xl", "--duplex", "--mono", "--paper", "A4,A3"});
  expect_ok({"admin", "printers", "set", "hall-mono", "--language", "postscript"});
  auto pxl = json_of({"printers", "show", "floor3-pxl"});
  EXPECT_EQ(pxl.value("language", ""), "pcl-xl");
  EXPECT_EQ(pxl["paper_sizes"], nlohmann::json({"A4", "A3"}));
  EXPECT_EQ(pxl.value("largest_paper", ""), "A3");
  EXPECT_EQ(json_of({"printers", "show", "hall-mono"}).value("language", ""), "postscript");
  expect_ok({"admin", "printers", "delete", "floor3-pxl"});
  // An LPR printer cannot be asked what it can do: the message says so.
  const CliRun ask = cli({"admin", "printers", "capabilities", "hall-mono"});
  EXPECT_NE(ask.exit_code, kOk);
  EXPECT_NE(ask.err.find("not an IPP printer"), std::string::npos) << ask.err;

  // Group, in failover order, and a direct queue on it.
  expect_ok({"admin", "groups", "create", "floor2", "--description", "second floor", "--printers",
             "floor2-color,hall-mono"});
  auto group = json_of({"groups", "show", "floor2"});
  EXPECT_EQ(group["printer_ids"], nlohmann::json({color_id, mono_id}));
  EXPECT_EQ(group.value("description", ""), "second floor");
  expect_ok(
      {"admin", "queues", "create", "floor2-direct", "--kind", "direct", "--group", "floor2"});
  auto queue = json_of({"queues", "show", "floor2-direct"});
  EXPECT_EQ(queue.value("kind", ""), "direct");
  EXPECT_EQ(queue["group_id"], group["id"]);
  EXPECT_TRUE(queue["printer_id"].is_null());
  EXPECT_TRUE(queue["hold_expiry_seconds"].is_null()) << "the server's hold time";

  // A hold queue keeping its jobs 2 hours, then never, then as the server says.
  expect_ok({"admin", "queues", "create", "secure", "--kind", "hold", "--hold-time", "2h"});
  EXPECT_EQ(json_of({"queues", "show", "secure"})["hold_expiry_seconds"], 7200);
  expect_ok({"admin", "queues", "update", "secure", "--hold-time", "never"});
  EXPECT_EQ(json_of({"queues", "show", "secure"})["hold_expiry_seconds"], 0);
  const CliRun listed = cli({"admin", "queues", "list"});
  EXPECT_NE(listed.out.find("never"), std::string::npos) << listed.out;
  expect_ok({"admin", "queues", "update", "secure", "--hold-time", "default"});
  EXPECT_TRUE(json_of({"queues", "show", "secure"})["hold_expiry_seconds"].is_null());
  const CliRun odd = cli({"admin", "queues", "update", "secure", "--hold-time", "soon"});
  EXPECT_NE(odd.exit_code, kOk);
  EXPECT_NE(odd.err.find("soon is not a duration"), std::string::npos) << odd.err;
  const CliRun too_long = cli({"admin", "queues", "update", "secure", "--hold-time", "400d"});
  EXPECT_NE(too_long.exit_code, kOk);
  EXPECT_NE(too_long.err.find("366 days"), std::string::npos) << too_long.err;

  // Prices
  expect_ok({"admin", "prices", "set", "--price", "A4:mono=0.10", "--price", "A4:colour=0.50",
             "--duplex-discount", "10"});
  auto prices = json_of({"prices", "show"});
  EXPECT_EQ(prices.value("duplex_discount_percent", 0), 10);
  EXPECT_EQ(prices["prices"].size(), 2u) << prices.dump();

  // A default profile with fallback printing (FP-4…FP-6).
  const CliRun profile = cli({"admin",
                              "profiles",
                              "create",
                              "office",
                              "--default",
                              "--assign-users",
                              "alice",
                              "--server-addresses",
                              server_->base_url(),
                              "--client-connect-timeout-ms",
                              "2000",
                              "--heartbeat-interval-s",
                              "5",
                              "--fallback-enabled",
                              "--fallback-printers",
                              "floor2-color,hall-mono",
                              "--release-condition",
                              "credit-quota",
                              "--device-protocol",
                              "lpr",
                              "--device-queue",
                              "lp",
                              "--keep-days",
                              "3"});
  ASSERT_EQ(profile.exit_code, kOk) << profile.err;
  auto office = json_of({"profiles", "show", "office"});
  EXPECT_EQ(office.value("is_default", false), true);
  EXPECT_EQ(office["assigned_users"], nlohmann::json({"alice"}));
  EXPECT_EQ(office["server_addresses"], nlohmann::json({server_->base_url()}));
  EXPECT_EQ(office.value("connect_timeout_ms", 0), 2000);
  EXPECT_EQ(office.value("heartbeat_interval_s", 0), 5);
  const auto& fallback = office["fallback"];
  EXPECT_EQ(fallback.value("enabled", false), true);
  EXPECT_EQ(fallback["printer_ids"], nlohmann::json({color_id, mono_id}));
  EXPECT_EQ(fallback.value("release", ""), "credit-quota");
  EXPECT_EQ(fallback["port"].value("protocol", ""), "LPR");
  EXPECT_EQ(fallback["port"].value("port", 0), 515);
  EXPECT_EQ(fallback["port"].value("queue", ""), "lp");
  EXPECT_EQ(fallback.value("kx_integration", true), false);
  EXPECT_EQ(fallback.value("keep_waiting_days", 0), 3);

  // Update keeps the fallback settings not named.
  expect_ok({"admin", "profiles", "update", "office", "--fallback-group", "floor2"});
  office = json_of({"profiles", "show", "office"});
  EXPECT_EQ(office["fallback"]["group_id"], group["id"]);
  EXPECT_EQ(office["fallback"]["printer_ids"], nlohmann::json::array());
  EXPECT_EQ(office["fallback"].value("release", ""), "credit-quota");
  EXPECT_EQ(office["fallback"].value("keep_waiting_days", 0), 3);

  // Everything above is in the audit log.
  auto audit = json_of({"audit", "--limit", "100"});
  EXPECT_GE(audit.value("entries", nlohmann::json::array()).size(), 8u);
  expect_ok({"admin", "jobs", "list", "--user", "alice"});
  expect_ok({"admin", "reports", "--by", "user"});
  expect_ok({"admin", "reports", "--by", "period", "--period", "month", "--csv"});
}

// Groups of users: made and changed by login, shown on the user, and a profile assigned to
// a group is the one its members get (FP-1 "User groups").
TEST_F(AdminCliTest, GroupsOfUsersDecideWhichProfileAMemberGets) {
  login();
  for (const char* user : {"gail", "hank"}) {
    expect_ok({"admin", "users", "create", user, "--password-file",
               (home_ / "alice-password").string()});
  }
  const auto gail_id = json_of({"users", "show", "gail"}).value("id", 0);
  const auto hank_id = json_of({"users", "show", "hank"}).value("id", 0);
  expect_ok({"admin", "user-groups", "create", "accounting", "--description", "the 3rd floor",
             "--members", "gail"});
  auto group = json_of({"user-groups", "show", "accounting"});
  EXPECT_EQ(group["member_ids"], nlohmann::json({gail_id}));
  EXPECT_EQ(group.value("description", ""), "the 3rd floor");
  EXPECT_EQ(json_of({"users", "show", "gail"})["groups"], nlohmann::json({"accounting"}));

  const CliRun unknown = cli({"admin", "user-groups", "update", "accounting", "--members", "eve"});
  EXPECT_NE(unknown.exit_code, kOk);
  EXPECT_NE(unknown.err.find("eve"), std::string::npos) << unknown.err;

  expect_ok({"admin", "profiles", "create", "accounting-floor", "--assign-groups", "accounting",
             "--server-addresses", server_->base_url()});
  // (That gail's desktop client then gets it: client_profile_groups_test.)
  const CliRun renamed = cli({"admin", "user-groups", "update", "accounting", "--name", "acct"});
  EXPECT_EQ(renamed.exit_code, kRefusedByServer);
  EXPECT_NE(renamed.err.find("accounting-floor"), std::string::npos) << renamed.err;

  expect_ok({"admin", "user-groups", "update", "accounting", "--members", "gail,hank"});
  EXPECT_EQ(json_of({"user-groups", "show", "accounting"})["member_ids"],
            nlohmann::json({gail_id, hank_id}));

  // The group's quota holds hank, who has none of his own; options given alone keep the rest.
  expect_ok({"admin", "user-groups", "update", "accounting", "--quota-period", "week",
             "--quota-pages", "40"});
  expect_ok({"admin", "user-groups", "update", "accounting", "--quota-cost", "5"});
  EXPECT_EQ(json_of({"user-groups", "show", "accounting"})["quota"],
            nlohmann::json({{"period", "week"}, {"page_limit", 40}, {"cost_limit_cents", 500}}));
  auto hank = json_of({"users", "show", "hank"});
  EXPECT_EQ(hank["quota_group"], "accounting") << hank.dump();
  EXPECT_EQ(hank["group_quota"]["page_limit"], 40) << hank.dump();
  const CliRun shown = cli({"admin", "users", "show", "hank"});
  EXPECT_NE(shown.out.find("40 pages, "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("(group accounting)"), std::string::npos) << shown.out;
  expect_ok({"admin", "user-groups", "update", "accounting", "--no-quota"});
  EXPECT_TRUE(json_of({"user-groups", "show", "accounting"})["quota"].is_null());
  EXPECT_TRUE(json_of({"users", "show", "hank"})["group_quota"].is_null());

  auto listed = json_of({"user-groups", "list"});
  ASSERT_EQ(listed["user_groups"].size(), 1u) << listed.dump();
  expect_ok({"admin", "profiles", "delete", "accounting-floor"});
  expect_ok({"admin", "user-groups", "delete", "accounting"});
  EXPECT_EQ(json_of({"users", "show", "hank"})["groups"], nlohmann::json::array());
}

TEST_F(AdminCliTest, KxIntegrationWithANonKyoceraPrinterIsRefusedWithTheReason) {
  login();
  expect_ok({"admin", "printers", "create", "lobby-hp", "--uri", "socket://127.0.0.1:9101",
             "--vendor", "HP"});
  const CliRun run = cli({"admin", "profiles", "create", "kx", "--fallback-enabled",
                          "--kx-integration", "--fallback-printers", "lobby-hp"});
  EXPECT_EQ(run.exit_code, kRefusedByServer) << run.out << run.err;
  EXPECT_NE(run.err.find("printline admin profiles create: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("lobby-hp"), std::string::npos) << run.err;  // names the printer
  EXPECT_NE(run.err.find("Kyocera"), std::string::npos) << run.err;   // says why
  // Nothing was saved.
  const CliRun show = cli({"admin", "profiles", "show", "kx"});
  EXPECT_EQ(show.exit_code, kRefusedByServer);
}

TEST_F(AdminCliTest, ServerErrorsAreShownWithTheirMessage) {
  login();
  const CliRun run = cli({"admin", "users", "show", "nobody-here"});
  EXPECT_EQ(run.exit_code, kRefusedByServer);
  EXPECT_NE(run.err.find("printline admin users show: "), std::string::npos) << run.err;
}

TEST_F(AdminCliTest, UnreachableServerHasItsOwnExitCode) {
  const int port = closed_loopback_port();
  const CliRun run = cli({"admin", "users", "list", "--server",
                          "http://127.0.0.1:" + std::to_string(port), "--token", "plt_x"});
  EXPECT_EQ(run.exit_code, kServerUnreachable) << run.err;
  EXPECT_NE(run.err.find("Cannot reach"), std::string::npos) << run.err;
}

TEST_F(AdminCliTest, WithoutLoginSaysHowToLogIn) {
  const CliRun run =
      run_cli(PRINTLINE_CLI_PATH, {"admin", "users", "list"}, environment(home_ / "empty-config"));
  EXPECT_EQ(run.exit_code, kNotLoggedIn);
  EXPECT_NE(run.err.find("printline login"), std::string::npos) << run.err;
}

TEST_F(AdminCliTest, PlainUserIsToldItNeedsAnAdministrator) {
  login();
  expect_ok({"admin", "users", "create", "carol", "--password-file",
             (home_ / "alice-password").string()});
  const fs::path config = home_ / "carol-config";
  const auto env = environment(config);
  const CliRun in = run_cli(PRINTLINE_CLI_PATH,
                            {"login", "--server", server_->base_url(), "--user", "carol",
                             "--password-file", (home_ / "alice-password").string()},
                            env);
  ASSERT_EQ(in.exit_code, kOk) << in.err;
  const CliRun run = run_cli(PRINTLINE_CLI_PATH, {"admin", "users", "list"}, env);
  EXPECT_EQ(run.exit_code, kRefusedByServer);
  EXPECT_NE(run.err.find("administrator"), std::string::npos) << run.err;
}

TEST_F(AdminCliTest, RefundsAChargedJobOnce) {
  login();
  expect_ok({"admin", "prices", "set", "--price", "A4:mono=0.10"});
  expect_ok({"admin", "users", "create", "erin", "--password-file",
             (home_ / "alice-password").string()});
  expect_ok({"admin", "users", "top-up", "erin", "5.00"});
  expect_ok({"admin", "printers", "create", "refund-mono", "--uri", "socket://127.0.0.1:9102"});
  // Offline jobs are charged only on a fallback printer of the user's profile (D12).
  expect_ok({"admin", "profiles", "create", "refunds", "--assign-users", "erin",
             "--server-addresses", server_->base_url(), "--fallback-enabled",
             "--fallback-printers", "refund-mono"});
  // A job printed during fallback is charged when it is uploaded: 3 pages x 10 cents.
  const std::string uuid = "6a0f3a52-7c1e-4d7b-9a41-0c2d3e4f5a6b";
  auto http = server_->client();
  http->set_basic_auth("erin", "alice-secret-1");
  const nlohmann::json job = {{"uuid", uuid},          {"printer", "refund-mono"},
                              {"printed_at", model::format_timestamp(model::now_seconds() - std::chrono::hours(1))},
                              {"title", "minutes.pdf"}, {"pages", 3},
                              {"color_pages", 0},       {"paper", "A4"},
                              {"duplex", false},        {"copies", 1}};
  auto upload = http->Post("/api/v1/accounting/fallback-jobs",
                           nlohmann::json{{"jobs", {job}}}.dump(), "application/json");
  ASSERT_TRUE(upload) << "upload failed";
  ASSERT_EQ(upload->status, 200) << upload->body;
  EXPECT_EQ(json_of({"users", "show", "erin"}).value("balance_cents", 0), 470);

  const CliRun missing_reason = cli({"admin", "jobs", "refund", uuid});
  EXPECT_NE(missing_reason.exit_code, kOk);
  auto refund = json_of({"jobs", "refund", uuid, "--reason", "paper jam"});
  EXPECT_EQ(refund["entry"].value("kind", ""), "refund") << refund.dump();
  EXPECT_EQ(refund["entry"].value("amount_cents", 0), 30);
  EXPECT_EQ(refund["entry"].value("note", ""), "paper jam");
  EXPECT_EQ(refund.value("balance_cents", 0), 500);

  const CliRun twice = cli({"admin", "jobs", "refund", uuid, "--reason", "again"});
  EXPECT_EQ(twice.exit_code, kRefusedByServer) << twice.out;
  EXPECT_NE(twice.err.find("already been refunded"), std::string::npos) << twice.err;
  EXPECT_EQ(json_of({"users", "show", "erin"}).value("balance_cents", 0), 500);
}

// D14, issue 16: an administrator whose workstation speaks French reads the tables' headings,
// the field labels, the result lines, the states and origins, and the dates in French; the
// same commands in English are unchanged, and --json keeps the API's keywords.
TEST_F(AdminCliTest, AdministratorsReadTheirCommandsInTheirLanguage) {
  // This build's catalogs, for the commands this test starts and the server in this process.
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the server's own language stays English
  login();
  const std::string french = "fr_FR.UTF-8";
  const CliRun created = cli_in(french, {"admin", "users", "create", "dora", "--password-file",
                                         (home_ / "alice-password").string()});
  ASSERT_EQ(created.exit_code, kOk) << created.err;
  EXPECT_NE(created.out.find("Utilisateur dora créé (id "), std::string::npos) << created.out;
  const CliRun users = cli_in(french, {"admin", "users", "list"});
  EXPECT_EQ(users.exit_code, kOk) << users.err;
  for (const char* heading : {"IDENTIFIANT", "NOM", "RÔLE", "SOLDE", "ANNUAIRE"}) {
    EXPECT_NE(users.out.find(heading), std::string::npos) << heading << "\n" << users.out;
  }
  const CliRun shown = cli_in(french, {"admin", "users", "show", "dora"});
  // French puts a space before the colon.
  EXPECT_NE(shown.out.find("identifiant :"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("compte désactivé :"), std::string::npos) << shown.out;
  const CliRun nothing = cli_in(french, {"admin", "users", "update", "dora"});
  EXPECT_NE(nothing.exit_code, kOk);
  EXPECT_NE(nothing.err.find("Rien à changer : donnez au moins une option."), std::string::npos)
      << nothing.err;

  const CliRun printer = cli_in(french, {"admin", "printers", "create", "lobby-fr", "--uri",
                                         "socket://127.0.0.1:9103", "--mono"});
  ASSERT_EQ(printer.exit_code, kOk) << printer.err;
  EXPECT_NE(printer.out.find("Imprimante lobby-fr créée (id "), std::string::npos) << printer.out;
  const CliRun printers = cli_in(french, {"admin", "printers", "list"});
  for (const char* heading : {"URI DU PÉRIPHÉRIQUE", "LANGAGE", "COULEUR", "SECOURS"}) {
    EXPECT_NE(printers.out.find(heading), std::string::npos) << heading << "\n" << printers.out;
  }

  const CliRun prices = cli_in(french, {"admin", "prices", "set", "--price", "A4:mono=0.10"});
  EXPECT_EQ(prices.exit_code, kOk) << prices.err;
  for (const char* text :
       {"Tarifs enregistrés.", "PAPIER", "noir et blanc", "Remise recto verso"}) {
    EXPECT_NE(prices.out.find(text), std::string::npos) << text << "\n" << prices.out;
  }

  // A job dora printed on a fallback printer: its origin, state and date in French.
  expect_ok({"admin", "profiles", "create", "dora-office", "--assign-users", "dora",
             "--server-addresses", server_->base_url(), "--fallback-enabled",
             "--fallback-printers", "lobby-fr"});
  auto http = server_->client();
  http->set_basic_auth("dora", "alice-secret-1");
  const nlohmann::json job = {
      {"uuid", "0b7c3d1e-2f4a-4b5c-8d6e-7f8091a2b3c4"},
      {"printer", "lobby-fr"},
      {"printed_at", model::format_timestamp(model::now_seconds() - std::chrono::hours(1))},
      {"title", "compte-rendu.pdf"},
      {"pages", 2},
      {"color_pages", 0},
      {"paper", "A4"},
      {"duplex", false},
      {"copies", 1}};
  auto upload = http->Post("/api/v1/accounting/fallback-jobs",
                           nlohmann::json{{"jobs", {job}}}.dump(), "application/json");
  ASSERT_TRUE(upload) << "upload failed";
  ASSERT_EQ(upload->status, 200) << upload->body;
  ASSERT_EQ(nlohmann::json::parse(upload->body).value("accepted", 0), 1) << upload->body;
  const CliRun jobs = cli_in(french, {"admin", "jobs", "list", "--user", "dora"});
  EXPECT_EQ(jobs.exit_code, kOk) << jobs.err;
  for (const char* text : {"SOUMIS", "PROPRIÉTAIRE", "ORIGINE", "ÉTAT", "secours", "imprimé",
                           "compte-rendu.pdf"}) {
    EXPECT_NE(jobs.out.find(text), std::string::npos) << text << "\n" << jobs.out;
  }
  EXPECT_TRUE(std::regex_search(jobs.out, std::regex(R"(\b\d\d/\d\d/\d{4} \d\d:\d\d\b)")))
      << jobs.out;

  // In English, the same words as before; for scripts, the API's keywords.
  const CliRun english = cli_in("C.UTF-8", {"admin", "jobs", "list", "--user", "dora"});
  EXPECT_NE(english.out.find("SUBMITTED"), std::string::npos) << english.out;
  EXPECT_NE(english.out.find("fallback"), std::string::npos) << english.out;
  EXPECT_EQ(english.out.find("secours"), std::string::npos) << english.out;
  const CliRun json = cli_in(french, {"admin", "--json", "jobs", "list", "--user", "dora"});
  EXPECT_NE(json.out.find("\"origin\": \"fallback\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"state\": \"printed\""), std::string::npos) << json.out;
  expect_ok({"admin", "profiles", "delete", "dora-office"});
}

TEST_F(AdminCliTest, LogoutRevokesAndForgets) {
  login();
  const CliRun out = cli({"logout"});
  EXPECT_EQ(out.exit_code, kOk) << out.err;
  EXPECT_FALSE(fs::exists(home_ / "config" / "printline" / "credentials.json"));
  const CliRun after = cli({"admin", "users", "list"});
  EXPECT_EQ(after.exit_code, kNotLoggedIn);
}

}  // namespace
}  // namespace printline::testing
