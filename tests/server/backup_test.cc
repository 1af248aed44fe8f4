// Backup and restore (issue 15 item 4) with the real printline-server program, on SQLite and on
// a real PostgreSQL: a server with users, top-ups, a printed and charged job, held jobs and one
// job being printed (to a printer that stopped reading) is backed up with `printline-server
// backup` while another user keeps submitting; the archive is private (0600). A restore onto
// the running server's data is refused. After the server stops, `restore` into a new data
// directory (and a new database) and a start there give the same users, balances, ledger and
// held jobs, whose documents print when released; a second restore onto it is refused.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "core/job_uuid.h"
#include "server/api_test_client.h"
#include "server/ipp_test_client.h"
#include "server/server_process.h"
#include "support/generated_pdf.h"
#include "support/postgres_server.h"
#include "support/printer_simulator.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kAdminPassword = "admin-password-for-tests";
constexpr const char* kUserPassword = "user-password-1";
const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";

class BackupRestore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      if (auto why = PostgresServer::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
      postgres_ = std::make_unique<PostgresServer>();
      source_db_ = postgres_->create_database("backup_source");
      restored_db_ = postgres_->create_database("backup_restored");
    }
    std::ofstream(dir_ / "admin-password") << kAdminPassword << "\n";
    document_ = read_text_file(kTestPdf);
    ASSERT_FALSE(document_.empty()) << kTestPdf << " is missing: install cups-filters";
  }

  std::vector<std::string> database_args(const std::string& url) const {
    if (url.empty()) return {};
    return {"--db", url};
  }

  std::unique_ptr<ServerProcess> start(const std::string& data, const std::string& url) {
    auto args = database_args(url);
    // Heartbeats every second: a restored PostgreSQL site finds the source node stopped soon.
    args.insert(args.end(), {"--admin-password-file", (dir_ / "admin-password").string(),
                             "--node-heartbeat", "1"});
    return std::make_unique<ServerProcess>(PRINTLINE_SERVER_BINARY, dir_ / data,
                                           dir_ / (data + ".log"), args);
  }

  // `printline-server backup|restore ...`; the exit status, its output in `log`.
  int tool(const std::string& command, const std::string& data, const std::string& url,
           const std::string& file_option, const std::filesystem::path& file,
           const std::string& log) {
    std::vector<std::string> argv{PRINTLINE_SERVER_BINARY, command, "--data",
                                  (dir_ / data).string(), file_option, file.string()};
    for (const auto& arg : database_args(url)) argv.push_back(arg);
    return run_program(argv, dir_ / log);
  }

  static std::unique_ptr<ApiClient> client(const ServerProcess& server, const std::string& login,
                                           const std::string& password) {
    auto api = std::make_unique<ApiClient>("127.0.0.1", server.port());
    EXPECT_EQ(api->login(login, password).status, 200) << login;
    return api;
  }

  static IppReply print(const ServerProcess& server, const std::string& queue,
                        const std::string& uuid, const std::string& document,
                        const std::string& login) {
    auto request = ipp_request(IPP_OP_PRINT_JOB, "ipp://127.0.0.1:" +
                                                     std::to_string(server.port()) +
                                                     "/ipp/print/" + queue);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr,
                 ("urn:uuid:" + uuid).c_str());
    return post_ipp(server.port(), queue, request.get(), document,
                    Credentials{login, kUserPassword});
  }

  static std::string wait_for_state(ApiClient& api, const std::string& uuid,
                                    const std::set<std::string>& wanted) {
    std::string state;
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    while (std::chrono::steady_clock::now() < deadline) {
      state = api.get("/api/v1/jobs/" + uuid).json.value("state", "");
      if (wanted.count(state) != 0) break;
      std::this_thread::sleep_for(100ms);
    }
    return state;
  }

  // What must survive: every user's login and balance, and every ledger entry.
  static json accounts(ApiClient& admin) {
    json out = json::object();
    auto users = admin.get("/api/v1/users");
    EXPECT_EQ(users.status, 200) << users.body;
    for (const auto& user : users.json.value("users", json::array())) {
      const auto id = user.value("id", std::int64_t{0});
      auto ledger = admin.get("/api/v1/users/" + std::to_string(id) + "/ledger");
      EXPECT_EQ(ledger.status, 200) << ledger.body;
      out[user.value("login", "")] = {{"balance_cents", user.value("balance_cents", -1)},
                                      {"ledger", ledger.json.value("entries", json::array())}};
    }
    return out;
  }

  static std::set<std::string> held_jobs(ApiClient& user) {
    std::set<std::string> uuids;
    auto jobs = user.get("/api/v1/me/jobs?state=held&limit=1000");
    EXPECT_EQ(jobs.status, 200) << jobs.body;
    for (const auto& job : jobs.json.value("jobs", json::array())) {
      uuids.insert(job.value("uuid", ""));
    }
    return uuids;
  }

  TempDir dir_{"printline-backup-test"};
  std::unique_ptr<PostgresServer> postgres_;
  std::string source_db_, restored_db_;
  std::string document_;
};

TEST_P(BackupRestore, RestoredServerHasTheSameAccountsAndReleasableHeldJobs) {
  RawSinkPeer sink;
  auto stuck = std::make_unique<PrinterSimulator>(
      SimulatorConfig{.fault = SimulatedFault::kHangMidJob, .fault_after_bytes = 4096});
  auto server = start("source", source_db_);
  auto admin = client(*server, "admin", kAdminPassword);
  ASSERT_EQ(admin->call("PUT", "/api/v1/price-list",
                        json{{"prices",
                              {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
                               {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}},
                               {{"paper", "Letter"}, {"color", false}, {"cents_per_page", 10}},
                               {{"paper", "Letter"}, {"color", true}, {"cents_per_page", 50}}}},
                             {"duplex_discount_percent", 0}})
                .status,
            200);
  auto sink_printer = admin->post("/api/v1/printers", {{"name", "sink"},
                                                       {"device_uri", sink.uri()},
                                                       {"color", true}});
  ASSERT_EQ(sink_printer.status, 201) << sink_printer.body;
  auto stuck_printer = admin->post("/api/v1/printers", {{"name", "stuck"},
                                                        {"device_uri", stuck->uri("socket")},
                                                        {"color", true}});
  ASSERT_EQ(stuck_printer.status, 201) << stuck_printer.body;
  ASSERT_EQ(admin->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"}}).status, 201);
  for (const auto& [login, credit] : {std::pair{"alice", 5000}, std::pair{"bob", 3000}}) {
    auto user = admin->post("/api/v1/users", {{"login", login},
                                              {"password", kUserPassword},
                                              {"name", std::string(login) + " example"}});
    ASSERT_EQ(user.status, 201) << user.body;
    const auto id = user.json.value("id", std::int64_t{0});
    ASSERT_EQ(admin->post("/api/v1/users/" + std::to_string(id) + "/top-up",
                          {{"amount_cents", credit}, {"note", "start"}})
                  .status,
              200);
  }
  auto alice = client(*server, "alice", kUserPassword);

  // One job printed and charged; three held; one printing on the printer that stopped reading.
  auto hold = [&](const std::string& login, const std::string& document) {
    const std::string uuid = new_job_uuid();
    auto reply = print(*server, "secure", uuid, document, login);
    EXPECT_EQ(reply.status(), IPP_STATUS_OK) << reply.string("status-message");
    return uuid;
  };
  const std::string printed = hold("alice", document_);
  ASSERT_EQ(alice->post("/api/v1/jobs/" + printed + "/release", {{"printer", "sink"}}).status,
            200);
  ASSERT_EQ(wait_for_state(*alice, printed, {"printed", "failed"}), "printed") << server->log();
  std::vector<std::string> held;
  for (int i = 0; i < 3; ++i) held.push_back(hold("alice", document_));
  // Larger than the loopback socket buffers, so the printer that stops reading keeps it
  // "printing".
  const std::string big = one_page_pdf(24u << 20);
  const std::string printing = hold("alice", big);
  ASSERT_EQ(alice->post("/api/v1/jobs/" + printing + "/release", {{"printer", "stuck"}}).status,
            200);
  ASSERT_EQ(wait_for_state(*alice, printing, {"printing"}), "printing") << server->log();
  ASSERT_TRUE(std::set<std::string>(held.begin(), held.end()) == held_jobs(*alice));
  const json before = accounts(*admin);

  // Backup while bob keeps submitting to the hold queue.
  std::atomic<bool> submitting{true};
  std::atomic<int> submitted{0};
  std::thread bob([&] {
    while (submitting) {
      const std::string uuid = new_job_uuid();
      if (print(*server, "secure", uuid, document_, "bob").status() == IPP_STATUS_OK) ++submitted;
    }
  });
  while (submitted < 3) std::this_thread::sleep_for(10ms);
  const auto backup = dir_ / "backups" / "printline.tar";
  std::filesystem::create_directories(backup.parent_path());
  const int backed_up = tool("backup", "source", source_db_, "--to", backup, "backup.log");
  // The server kept taking jobs: another one after the backup ended.
  const int submitted_during = submitted;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (submitted <= submitted_during && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  submitting = false;
  bob.join();
  ASSERT_EQ(backed_up, 0) << read_text_file(dir_ / "backup.log");
  EXPECT_GT(submitted, submitted_during) << "the server kept accepting jobs";
  struct stat info {};
  ASSERT_EQ(::stat(backup.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(backup.string() + ".part"));
  // A plain tar file: the administrator's `tar` lists the manifest, database and documents.
  ASSERT_EQ(run_program({"tar", "tf", backup.string()}, dir_ / "tar.log"), 0);
  const std::string listed = read_text_file(dir_ / "tar.log");
  EXPECT_NE(listed.find("manifest.json"), std::string::npos) << listed;
  EXPECT_NE(listed.find(GetParam() == "sqlite" ? "database/printline.db"
                                                : "database/printline.pgdump"),
            std::string::npos)
      << listed;
  // The held jobs' small documents are in the database's copy (server/job_spool.h); the large
  // one being printed is a file of its own in the archive.
  EXPECT_EQ(listed.find(held[0]), std::string::npos) << listed;
  EXPECT_NE(listed.find(printing), std::string::npos) << listed;

  // Restoring onto the running server's data is refused and changes nothing.
  EXPECT_NE(tool("restore", "source", source_db_, "--from", backup, "restore-running.log"), 0);
  EXPECT_NE(read_text_file(dir_ / "restore-running.log").find("is running"), std::string::npos)
      << read_text_file(dir_ / "restore-running.log");
  auto bob_client = client(*server, "bob", kUserPassword);
  const auto bob_held_after = held_jobs(*bob_client);
  EXPECT_EQ(held_jobs(*alice), std::set<std::string>(held.begin(), held.end()));
  admin.reset();
  alice.reset();
  bob_client.reset();
  stuck.reset();  // the printing job fails at once instead of at the printer's time-out
  ASSERT_TRUE(server->stop()) << server->log();

  ASSERT_EQ(tool("restore", "restored", restored_db_, "--from", backup, "restore.log"), 0)
      << read_text_file(dir_ / "restore.log");
  // A second restore onto restored data is refused.
  EXPECT_NE(tool("restore", "restored", restored_db_, "--from", backup, "restore-again.log"), 0);
  EXPECT_NE(read_text_file(dir_ / "restore-again.log").find("Nothing was changed"),
            std::string::npos)
      << read_text_file(dir_ / "restore-again.log");

  auto restored = start("restored", restored_db_);
  auto admin_b = client(*restored, "admin", kAdminPassword);
  EXPECT_EQ(accounts(*admin_b), before);
  auto alice_b = client(*restored, "alice", kUserPassword);
  // The job that was printing may or may not have printed: the restored server holds it, as
  // after any stop while sending (job_recovery.cc), so it can be released again.
  EXPECT_EQ(wait_for_state(*alice_b, printing, {"held"}), "held") << restored->log();
  auto alice_held = std::set<std::string>(held.begin(), held.end());
  alice_held.insert(printing);
  EXPECT_EQ(held_jobs(*alice_b), alice_held);
  auto bob_b = client(*restored, "bob", kUserPassword);
  const auto bob_held = held_jobs(*bob_b);
  EXPECT_GE(bob_held.size(), 3u);
  for (const auto& uuid : bob_held) EXPECT_EQ(bob_held_after.count(uuid), 1u) << uuid;
  // The held jobs' documents came back: released, they print as submitted — the one that was
  // printing too.
  for (const auto& uuid : {held[0], printing}) {
    ASSERT_EQ(alice_b->post("/api/v1/jobs/" + uuid + "/release", {{"printer", "sink"}}).status,
              200);
    ASSERT_EQ(wait_for_state(*alice_b, uuid, {"printed", "failed"}), "printed")
        << restored->log();
  }
  EXPECT_TRUE(sink.received() == document_ + document_ + big) << sink.received().size();
  const auto bob_first = *bob_held.begin();
  ASSERT_EQ(bob_b->post("/api/v1/jobs/" + bob_first + "/release", {{"printer", "sink"}}).status,
            200);
  EXPECT_EQ(wait_for_state(*bob_b, bob_first, {"printed", "failed"}), "printed")
      << restored->log();
  ASSERT_TRUE(restored->stop()) << restored->log();
}

INSTANTIATE_TEST_SUITE_P(Databases, BackupRestore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace printline::testing
