// Operating a real printline-server process (issue 15, docs/operations.md): retention with
// short configured times (a held job expires with a reason its owner reads, documents leave
// the spool, the ledger stays), the log file reopened on SIGHUP after a rotation, and /metrics
// for administrators only, parsed by the Prometheus client library's parser: its counters
// moving after a print, idle connections in the open-connections gauge, and a locked database
// answered 500 and counted.

#include <arpa/inet.h>
#include <cups/ipp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/job_uuid.h"
#include "server/api_test_client.h"
#include "server/ipp_test_client.h"
#include "server/server_process.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kAdminPassword = "admin-password-for-tests";
constexpr const char* kUserPassword = "user-password-1";
constexpr const char* kPage =
    "%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n"
    "/Helvetica findfont 20 scalefont setfont 72 720 moveto (operations) show showpage\n%%EOF\n";

// Polls `done` until it holds or the deadline passes; true when it held.
bool wait_until(const std::function<bool()>& done, std::chrono::seconds deadline = 30s) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

// A printline-server process whose retention runs every second with times of a few seconds,
// logging to a file.
class OperationsServer {
 public:
  OperationsServer() : dir_("printline-operations") {
    std::ofstream(dir_ / "admin-password") << kAdminPassword << "\n";
    const nlohmann::json config = {
        {"admin_password_file", (dir_ / "admin-password").string()},
        {"log_file", log_file().string()},
        {"held_job_expiry_seconds", 4},
        {"printed_document_keep_seconds", 3},
        {"retention_sweep_seconds", 1},
    };
    std::ofstream(dir_ / "server.json") << config.dump();
    process_ = std::make_unique<ServerProcess>(
        PRINTLINE_SERVER_BINARY, dir_ / "data", dir_ / "stdout.log",
        std::vector<std::string>{"--config", (dir_ / "server.json").string()});
  }

  int port() const { return process_->port(); }
  pid_t pid() const { return process_->pid(); }
  bool running() { return process_->running(); }
  std::filesystem::path log_file() const { return dir_ / "server.log"; }
  // The job's document is kept: in the running server's database (a small one, as these are)
  // or in its spool file (server/job_spool.h), read as another process would.
  bool has_document(const std::string& uuid) const {
    if (std::filesystem::exists(dir_ / "data" / "spool" / uuid.substr(0, 2) / uuid)) return true;
    sqlite3* db = nullptr;
    const auto path = (dir_ / "data" / "printline.db").string();
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      return false;
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "SELECT 1 FROM job_documents WHERE job_uuid = ?", -1, &statement,
                       nullptr);
    sqlite3_bind_text(statement, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
    const bool found = sqlite3_step(statement) == SQLITE_ROW;
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return found;
  }
  std::filesystem::path dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::unique_ptr<ServerProcess> process_;
};

class OperationsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new OperationsServer();
    sink_ = new RawSinkPeer();
    admin_ = new ApiClient("127.0.0.1", server_->port());
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
    auto alice =
        admin_->post("/api/v1/users",
                     {{"login", "alice"}, {"password", kUserPassword}, {"name", "Alice Example"}});
    ASSERT_EQ(alice.status, 201) << alice.body;
    alice_ = new ApiClient("127.0.0.1", server_->port());
    ASSERT_EQ(alice_->login("alice", kUserPassword).status, 200);
    ASSERT_EQ(
        admin_
            ->call("PUT", "/api/v1/price-list",
                   nlohmann::json{{"prices",
                                   {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
                                    {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}}}},
                                  {"duplex_discount_percent", 50}})
            .status,
        200);
    ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 1000}}).status, 200);
    auto printer =
        admin_->post("/api/v1/printers", {{"name", "sink"}, {"device_uri", sink_->uri()}});
    ASSERT_EQ(printer.status, 201) << printer.body;
    ASSERT_EQ(
        admin_
            ->post("/api/v1/queues",
                   {{"name", "direct"}, {"kind", "direct"}, {"printer_id", printer.json["id"]}})
            .status,
        201);
    ASSERT_EQ(admin_->post("/api/v1/queues", {{"name", "secure"}, {"kind", "hold"}}).status, 201);
  }
  static void TearDownTestSuite() {
    delete alice_;
    delete admin_;
    delete sink_;
    delete server_;
  }

  // A one-page PostScript job from alice over IPP to a server queue; returns its UUID.
  static std::string print_to(const std::string& queue) {
    const std::string uuid = new_job_uuid();
    auto request =
        ipp_request(IPP_OP_PRINT_JOB,
                    "http://127.0.0.1:" + std::to_string(server_->port()) + "/ipp/print/" + queue);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, "operations");
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/postscript");
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "job-uuid", nullptr,
                 ("urn:uuid:" + uuid).c_str());
    const auto reply =
        post_ipp(server_->port(), queue, request.get(), kPage, Credentials{"alice", kUserPassword});
    EXPECT_EQ(reply.http_status, 200);
    EXPECT_EQ(reply.status(), IPP_STATUS_OK);
    return uuid;
  }

  static nlohmann::json job(const std::string& uuid) {
    return alice_->get("/api/v1/jobs/" + uuid).json;
  }
  static bool in_state(const std::string& uuid, const std::string& state) {
    const auto found = job(uuid);
    return found.is_object() && found.value("state", "") == state;
  }

  static inline OperationsServer* server_ = nullptr;
  static inline RawSinkPeer* sink_ = nullptr;
  static inline ApiClient* admin_ = nullptr;
  static inline ApiClient* alice_ = nullptr;
};

TEST_F(OperationsTest, HeldJobsExpireAndDocumentsLeaveTheSpoolWhileTheLedgerStays) {
  // Printed: charged, its document kept the configured 3 s, then deleted by the sweep.
  const auto printed = print_to("direct");
  ASSERT_TRUE(wait_until([&] { return in_state(printed, "printed"); })) << job(printed);
  EXPECT_TRUE(server_->has_document(printed))
      << "kept printed_document_keep_seconds after printing";
  EXPECT_TRUE(wait_until([&] { return !server_->has_document(printed); }))
      << "the printed job's document is still kept";

  // Held and never released: cancelled after 4 s with a reason its owner reads in the job
  // list, its document deleted.
  const auto held = print_to("secure");
  ASSERT_TRUE(wait_until([&] { return in_state(held, "held") || in_state(held, "cancelled"); }));
  ASSERT_TRUE(wait_until([&] { return in_state(held, "cancelled"); })) << job(held);
  const auto mine = alice_->get("/api/v1/me/jobs");
  ASSERT_EQ(mine.status, 200) << mine.body;
  std::string outcome;
  for (const auto& listed : mine.json["jobs"]) {
    if (listed.value("uuid", "") == held) outcome = listed.value("outcome", "");
  }
  EXPECT_NE(outcome.find("Expired: held longer than 4 seconds"), std::string::npos) << mine.body;
  EXPECT_TRUE(wait_until([&] { return !server_->has_document(held); }))
      << "the expired job's document is still kept";

  // Accounting is never deleted: the printed job's row and charge are there, the balance is
  // the top-up less that charge.
  EXPECT_EQ(job(printed).value("state", ""), "printed");
  const auto ledger = admin_->get("/api/v1/users/alice/ledger");
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  int charges = 0;
  std::int64_t balance = 0;
  for (const auto& entry : ledger.json["entries"]) {
    if (entry.value("kind", "") == "charge" && entry["job_uuid"] == printed) ++charges;
    balance += entry.value("kind", "") == "charge" ? -entry.value("amount_cents", 0)
                                                   : entry.value("amount_cents", 0);
  }
  EXPECT_EQ(charges, 1) << ledger.body;
  EXPECT_EQ(alice_->get("/api/v1/me").json.value("balance_cents", std::int64_t{-1}), balance);
  EXPECT_EQ(balance, 1000 - 10);
}

TEST_F(OperationsTest, LogFileIsReopenedOnSighupAfterRotation) {
  const auto log = server_->log_file();
  ASSERT_TRUE(wait_until([&] { return read_text_file(log).find("listening on") != std::string::npos; }));
  const auto rotated = std::filesystem::path(log.string() + ".1");
  std::filesystem::rename(log, rotated);  // what logrotate does before its postrotate
  ASSERT_EQ(::kill(server_->pid(), SIGHUP), 0);
  ASSERT_TRUE(wait_until([&] {
    return read_text_file(log).find("log file reopened") != std::string::npos;
  })) << "no new log file after SIGHUP";
  EXPECT_TRUE(server_->running()) << "SIGHUP ended the server";
  // The next job's lines go to the new file, none to the rotated one.
  const auto before = read_text_file(rotated);
  const auto uuid = print_to("direct");
  ASSERT_TRUE(wait_until([&] { return in_state(uuid, "printed"); }));
  EXPECT_TRUE(wait_until([&] { return read_text_file(log).find(uuid) != std::string::npos; }));
  EXPECT_EQ(read_text_file(rotated), before);
}

// The samples of one scrape, parsed by prometheus_client's parser (metrics_check.py).
std::vector<nlohmann::json> parse_metrics(const std::string& text,
                                          const std::filesystem::path& dir) {
  std::ofstream(dir / "metrics.txt") << text;
  // Debian's python3, where python3-prometheus-client is installed (not a PATH python).
  const std::string command =
      "/usr/bin/python3 " PRINTLINE_METRICS_CHECK " < " + (dir / "metrics.txt").string() + " > " +
      (dir / "samples.jsonl").string() + " 2> " + (dir / "parser.err").string();
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << read_text_file(dir / "parser.err") << "\n" << text;
  std::vector<nlohmann::json> samples;
  std::ifstream in(dir / "samples.jsonl");
  for (std::string line; std::getline(in, line);) samples.push_back(nlohmann::json::parse(line));
  return samples;
}

// The sum of the samples named so whose labels include `labels`.
double sample(const std::vector<nlohmann::json>& samples, const std::string& name,
              const nlohmann::json& labels) {
  double sum = 0;
  for (const auto& s : samples) {
    if (s["name"] != name) continue;
    bool match = true;
    for (const auto& [key, value] : labels.items()) {
      match = match && s["labels"].value(key, "") == value.get<std::string>();
    }
    if (match) sum += s["value"].get<double>();
  }
  return sum;
}

TEST_F(OperationsTest, MetricsAreForAdministratorsAndCountAPrint) {
  httplib::Client anonymous("127.0.0.1", server_->port());
  auto refused = anonymous.Get("/metrics");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(alice_->get("/metrics").status, 403);

  const auto scrape = [&] {
    auto reply = admin_->get("/metrics");
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_NE(reply.header("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
    return parse_metrics(reply.body, server_->dir());
  };
  const auto before = scrape();
  const auto uuid = print_to("direct");
  ASSERT_TRUE(wait_until([&] { return in_state(uuid, "printed"); }));
  const auto after = scrape();

  const nlohmann::json delivered = {{"printer", "sink"}, {"outcome", "delivered"}};
  EXPECT_EQ(sample(after, "printline_deliveries_total", delivered),
            sample(before, "printline_deliveries_total", delivered) + 1);
  const nlohmann::json printed = {{"state", "printed"}, {"origin", "server"}};
  EXPECT_EQ(sample(after, "printline_jobs", printed),
            sample(before, "printline_jobs", printed) + 1);
  const nlohmann::json ipp = {{"method", "POST"}, {"status", "200"}};
  EXPECT_GE(sample(after, "printline_http_request_duration_seconds_count", {{"method", "POST"}}),
            1);
  EXPECT_GT(sample(after, "printline_http_requests_total", ipp),
            sample(before, "printline_http_requests_total", ipp));
  // Every queue has a depth, held jobs included.
  bool secure_depth = false;
  for (const auto& s : after) {
    secure_depth = secure_depth || (s["name"] == "printline_queue_jobs" &&
                                    s["labels"].value("queue", "") == "secure");
  }
  EXPECT_TRUE(secure_depth);
  bool awaiting = false;
  for (const auto& s : after)
    awaiting = awaiting || s["name"] == "printline_fallback_jobs_awaiting_upload";
  EXPECT_TRUE(awaiting);
}

// Idle connections (what a slow or stalled client leaves) show in the gauge, and leave it when
// they close.
TEST_F(OperationsTest, OpenConnectionsGaugeFollowsIdleClients) {
  const auto open_connections = [&] {
    auto reply = admin_->get("/metrics");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return sample(parse_metrics(reply.body, server_->dir()), "printline_http_open_connections",
                  nlohmann::json::object());
  };
  const double before = open_connections();
  constexpr int kIdle = 5;
  std::vector<int> idle;
  for (int i = 0; i < kIdle; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(server_->port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    idle.push_back(fd);
  }
  EXPECT_TRUE(wait_until([&] { return open_connections() >= before + kIdle; }))
      << "gauge " << open_connections() << ", expected at least " << before + kIdle;
  for (const int fd : idle) ::close(fd);
  EXPECT_TRUE(wait_until([&] { return open_connections() <= before; }))
      << "closed connections still counted: " << open_connections();
}

// A database that refuses writes (here: another process holds SQLite's write lock past the
// server's busy timeout) is answered 500 with what to do, and counted.
TEST_F(OperationsTest, DatabaseErrorsAreCounted) {
  const auto errors = [&] {
    auto reply = admin_->get("/metrics");  // reads still work: the database is in WAL mode
    EXPECT_EQ(reply.status, 200) << reply.body;
    return sample(parse_metrics(reply.body, server_->dir()), "printline_database_errors_total",
                  nlohmann::json::object());
  };
  const double before = errors();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server_->dir() / "data" / "printline.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  auto refused = admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 1}});
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(refused.status, 500) << refused.body;
  EXPECT_NE(refused.body.find("Try again"), std::string::npos) << refused.body;
  EXPECT_EQ(errors(), before + 1);
}

}  // namespace
}  // namespace printline::testing
