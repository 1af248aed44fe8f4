// What a user does with their own jobs on the server from a terminal: `printline jobs
// --server`, `printline release JOB --printer P`, `printline cancel JOB --server` — the built
// binary against a real in-process server, jobs held by a real IPP Print-Job (libcups-encoded)
// on a hold queue, released to a real RAW printer peer.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "cli_runner.h"
#include "core/i18n.h"
#include "core/job_uuid.h"
#include "server/ipp_test_client.h"
#include "server/running_server.h"
#include "support/raw_sink_peer.h"

namespace printline::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kOk = 0;
constexpr int kRefusedByServer = 13;
constexpr const char* kUserPassword = "erin-password-1";
constexpr const char* kPage =
    "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
    "/Helvetica findfont 20 scalefont setfont 72 720 moveto (held job) show showpage\n%%EOF\n";

class UserCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/printline-user-cli-XXXXXX";
    home_ = ::mkdtemp(pattern);
    std::ofstream(home_ / "admin-password") << RunningServer::kAdminPassword << "\n";
    std::ofstream(home_ / "user-password") << kUserPassword << "\n";
    as("admin", {"login", "--server", server_.base_url(), "--user", "admin", "--password-file",
                 (home_ / "admin-password").string()});
    for (const char* user : {"erin", "fred"}) {
      as("admin", {"admin", "users", "create", user, "--password-file",
                   (home_ / "user-password").string()});
      as("admin", {"admin", "users", "top-up", user, "10"});
      as(user, {"login", "--server", server_.base_url(), "--user", user, "--password-file",
                (home_ / "user-password").string()});
    }
    as("admin", {"admin", "prices", "set", "--price", "A4:mono=0.10", "--price", "A4:colour=0.50",
                 "--price", "Letter:mono=0.10", "--price", "Letter:colour=0.50"});
    as("admin", {"admin", "printers", "create", "hall", "--uri",
                 "socket://127.0.0.1:" + std::to_string(hall_.port()), "--mono"});
    as("admin", {"admin", "queues", "create", "secure", "--kind", "hold"});
  }
  void TearDown() override { fs::remove_all(home_); }

  // `printline …` as `who` (each with their own saved login); expects success.
  // `language`: the workstation's locale (LANG), empty to inherit it.
  CliRun as(const std::string& who, const std::vector<std::string>& arguments,
            int expected = kOk, const std::string& language = "") {
    std::map<std::string, std::string> environment = {{"XDG_CONFIG_HOME", (home_ / who).string()},
                                                      {"HOME", home_.string()},
                                                      {"PRINTLINE_SERVER", ""},
                                                      {"PRINTLINE_TOKEN", ""},
                                                      {"PRINTLINE_PASSWORD", ""},
                                                      {"PRINTLINE_USER_PASSWORD", ""}};
    if (!language.empty()) {
      environment.insert(
          {{"LANG", language}, {"LC_ALL", ""}, {"LC_MESSAGES", ""}, {"LANGUAGE", ""}});
    }
    const CliRun run = run_cli(PRINTLINE_CLI_PATH, arguments, environment);
    EXPECT_EQ(run.exit_code, expected)
        << who << ": printline " << ::testing::PrintToString(arguments) << "\n"
        << run.out << run.err;
    return run;
  }

  // A page printed by erin to the hold queue over IPP; its UUID.
  std::string hold_a_job(const std::string& title) {
    const auto uuid = new_job_uuid();
    auto request = ipp_request(IPP_OP_PRINT_JOB, server_.base_url() + "/ipp/print/secure");
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
                 title.c_str());
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/postscript");
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "job-uuid", nullptr,
                 ("urn:uuid:" + uuid).c_str());
    auto reply = post_ipp(server_.port(), "secure", request.get(), kPage,
                          Credentials{"erin", kUserPassword});
    EXPECT_EQ(reply.status(), IPP_STATUS_OK) << reply.http_status;
    return uuid;
  }

  nlohmann::json my_jobs(const std::string& who) {
    const CliRun run = as(who, {"jobs", "--server", "--json"});
    auto jobs = nlohmann::json::parse(run.out, nullptr, false);
    EXPECT_TRUE(jobs.is_array()) << run.out;
    return jobs;
  }

  std::string state_of(const std::string& uuid) {
    for (const auto& job : my_jobs("erin")) {
      if (job.value("uuid", "") == uuid) return job.value("state", "");
    }
    return "unknown";
  }

  RunningServer server_;
  RawSinkPeer hall_;
  fs::path home_;
};

TEST_F(UserCliTest, AUserListsReleasesAndCancelsTheirOwnHeldJobs) {
  const auto report = hold_a_job("report.ps");
  const auto draft = hold_a_job("draft.ps");
  for (int i = 0; i < 200 && (state_of(report) != "held" || state_of(draft) != "held"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(state_of(report), "held");
  ASSERT_EQ(state_of(draft), "held");
  const CliRun table = as("erin", {"jobs", "--server"});
  EXPECT_NE(table.out.find(report.substr(0, 8)), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("report.ps"), std::string::npos) << table.out;
  EXPECT_TRUE(my_jobs("fred").empty());  // nobody else's jobs

  // Someone else cannot release or cancel erin's job, even with its whole UUID.
  const CliRun stolen = as("fred", {"release", report, "--printer", "hall"}, kRefusedByServer);
  EXPECT_FALSE(stolen.err.empty());
  as("fred", {"cancel", report, "--server", "--yes"}, kRefusedByServer);
  EXPECT_EQ(state_of(report), "held");

  // Released by the first characters of its UUID: printed at the printer, charged once.
  const CliRun released = as("erin", {"release", report.substr(0, 8), "--printer", "hall"});
  EXPECT_NE(released.out.find(report), std::string::npos) << released.out;
  for (int i = 0; i < 200 && state_of(report) != "printed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(state_of(report), "printed");
  for (int i = 0; i < 100 && hall_.received().find("held job") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(hall_.received().find("held job"), std::string::npos);

  const CliRun cancelled = as("erin", {"cancel", draft, "--server", "--yes"});
  EXPECT_NE(cancelled.out.find("cancelled"), std::string::npos) << cancelled.out;
  EXPECT_EQ(state_of(draft), "cancelled");
  as("erin", {"cancel", draft, "--server", "--yes"});  // again: harmless, still cancelled
  EXPECT_EQ(state_of(draft), "cancelled");
  // A printed job cannot be cancelled any more: the server says why.
  const CliRun late = as("erin", {"cancel", report, "--server", "--yes"}, kRefusedByServer);
  EXPECT_FALSE(late.err.empty());

  // A prefix that names nothing says how to list the jobs.
  const CliRun unknown = as("erin", {"release", "ffffffff", "--printer", "hall"}, kRefusedByServer);
  EXPECT_NE(unknown.err.find("printline jobs --server"), std::string::npos) << unknown.err;
  // A UUID-sized reference that is not a UUID is not put into a request path.
  const std::string sneaky = "../users/erin/top-up?amount_cents=99";
  ASSERT_EQ(sneaky.size(), 36u);
  const CliRun refused = as("erin", {"release", sneaky, "--printer", "hall"}, kRefusedByServer);
  EXPECT_NE(refused.err.find("printline jobs --server"), std::string::npos) << refused.err;
}

// D14: amounts in the server's currency (EUR unless it says otherwise), written the way the
// reader's language writes them, as the web interface does; the table's words and dates too.
TEST_F(UserCliTest, AmountsAreInTheServersCurrencyInTheReadersConventions) {
  // This build's catalogs, for the server in this process and the commands it starts.
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the server's own language stays English
  hold_a_job("priced.ps");  // its cost is 0.00 until analysed, 0.10 after: either will do
  const std::string english = as("erin", {"jobs", "--server"}, kOk, "C.UTF-8").out;
  EXPECT_NE(english.find("\u20ac0."), std::string::npos) << english;
  const std::string french = as("erin", {"jobs", "--server"}, kOk, "fr_FR.UTF-8").out;
  EXPECT_NE(french.find("0,"), std::string::npos) << french;
  EXPECT_NE(french.find("\u00a0\u20ac"), std::string::npos) << french;
  // The rest of the table is French too: headings, the state, the ticket the server describes
  // (erin's account has no language: the command sends the workstation's), and the date.
  EXPECT_NE(french.find("TRAVAIL"), std::string::npos) << french;
  EXPECT_NE(french.find("en attente de libération"), std::string::npos) << french;
  EXPECT_NE(french.find("comme le document"), std::string::npos) << french;
  EXPECT_TRUE(std::regex_search(french, std::regex(R"(\b\d\d/\d\d/\d{4} \d\d:\d\d\b)")))
      << french;
  EXPECT_EQ(english.find("en attente"), std::string::npos) << english;
  EXPECT_TRUE(std::regex_search(english, std::regex(R"(\b\d{4}-\d\d-\d\d \d\d:\d\d\b)")))
      << english;
  const std::string balance =
      as("admin", {"admin", "users", "show", "erin"}, kOk, "fr_FR.UTF-8").out;
  EXPECT_NE(balance.find("10,00\u00a0\u20ac"), std::string::npos) << balance;
  const std::string in_english =
      as("admin", {"admin", "users", "show", "erin"}, kOk, "C.UTF-8").out;
  EXPECT_NE(in_english.find("\u20ac10.00"), std::string::npos) << in_english;
  // For scripts, cents as they are.
  const std::string json = as("admin", {"admin", "--json", "users", "show", "erin"}).out;
  EXPECT_NE(json.find("\"balance_cents\": 1000"), std::string::npos) << json;
}

}  // namespace
}  // namespace printline::testing
