// Two printline-server processes sharing one PostgreSQL database (issue 3): the real binary,
// started twice on one real postgres (tests/support/postgres_server.h) and one data directory
// for held-job documents. What one server writes, the other serves: users and queues, tokens,
// held jobs (submitted over IPP to one, released through the other), and fallback accounting,
// where the database's UNIQUE constraint charges a job once whichever server gets the upload.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include "core/job_uuid.h"
#include "model/timestamp.h"
#include "server/api_test_client.h"
#include "server/ipp_test_client.h"
#include "server/server_process.h"
#include "support/file_text.h"
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

// One printline-server node on the shared database, its log in log_dir.
std::unique_ptr<ServerProcess> start_node(const std::string& name,
                                          const std::filesystem::path& data_dir,
                                          const std::string& database_url,
                                          const std::filesystem::path& admin_password_file,
                                          const std::filesystem::path& log_dir,
                                          std::vector<std::string> extra_args = {}) {
  std::vector<std::string> args{"--db", database_url, "--admin-password-file",
                                admin_password_file.string()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return std::make_unique<ServerProcess>(PRINTLINE_SERVER_BINARY, data_dir,
                                         log_dir / ("printline-server-" + name + ".log"), args);
}

// One postgres, two servers A and B on it, a priced price list and a RAW printer, shared by
// the tests of this program; every test makes its own user so the tests stay independent.
class SharedPostgresTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    skip_reason_ = PostgresServer::unavailable_reason();
    if (!skip_reason_.empty()) return;
    try {
      postgres_ = new PostgresServer();
      dir_ = new TempDir("printline-shared-postgres");
      const auto password_file = *dir_ / "admin-password";
      std::ofstream(password_file) << kAdminPassword << "\n";
      url_ = postgres_->create_database("printline_shared");
      const std::string& url = url_;
      // One data directory: with PostgreSQL it holds only spool/, the held-job documents
      // both servers must read.
      const auto data = *dir_ / "data";
      a_ = start_node("a", data, url, password_file, dir_->path()).release();
      // B starts after A has created the schema and the administrator, as a second node
      // added to a running site would.
      b_ = start_node("b", data, url, password_file, dir_->path()).release();
      printer_ = new RawSinkPeer();
    } catch (const std::exception& e) {
      setup_failure_ = e.what();
    }
  }

  static void TearDownTestSuite() {
    delete printer_;
    delete b_;
    delete a_;
    delete dir_;
    delete postgres_;
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(setup_failure_.empty()) << setup_failure_;
    admin_a_ = client(*a_);
    ASSERT_EQ(admin_a_->login("admin", kAdminPassword).status, 200);
    admin_b_ = client(*b_);
    ASSERT_EQ(admin_b_->login("admin", kAdminPassword).status, 200);
    if (printer_id_ == 0) {
      auto prices = admin_a_->call("PUT", "/api/v1/price-list", price_list());
      ASSERT_EQ(prices.status, 200) << prices.body;
      auto printer = admin_a_->post(
          "/api/v1/printers",
          {{"name", "shared-raw"}, {"device_uri", printer_->uri()}, {"color", true}});
      ASSERT_EQ(printer.status, 201) << printer.body;
      printer_id_ = printer.json.value("id", std::int64_t{0});
      // Everyone's profile lists it: offline jobs are charged only on a fallback printer (D12).
      auto profile = admin_a_->post(
          "/api/v1/profiles",
          {{"name", "shared"},
           {"is_default", true},
           {"server_addresses", {"http://127.0.0.1:8631"}},
           {"fallback",
            {{"enabled", true},
             {"printer_ids", {printer_id_}},
             {"port", {{"protocol", "RAW"}, {"port", 9100}, {"queue", ""}}}}}});
      ASSERT_EQ(profile.status, 201) << profile.body;
    }
  }

  // Both papers the CUPS test page may be; colour priced apart so a wrong price shows.
  static json price_list() {
    return {{"prices",
             {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}},
              {{"paper", "A4"}, {"color", true}, {"cents_per_page", 50}},
              {{"paper", "Letter"}, {"color", false}, {"cents_per_page", 10}},
              {{"paper", "Letter"}, {"color", true}, {"cents_per_page", 50}}}},
            {"duplex_discount_percent", 0}};
  }

  // Print-Job of a PDF over IPP, with the desktop client's UUID, as `login`.
  static IppReply print_pdf(const ServerProcess& server, const std::string& queue,
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

  static std::unique_ptr<ApiClient> client(const ServerProcess& server) {
    return std::make_unique<ApiClient>("127.0.0.1", server.port());
  }

  // A user made through A's API, with credit.
  std::int64_t create_user(const std::string& login, std::int64_t credit_cents) {
    auto created = admin_a_->post("/api/v1/users", {{"login", login},
                                                     {"password", kUserPassword},
                                                     {"name", login + " example"}});
    EXPECT_EQ(created.status, 201) << created.body;
    const auto id = created.json.value("id", std::int64_t{0});
    auto top_up = admin_a_->post("/api/v1/users/" + std::to_string(id) + "/top-up",
                                 {{"amount_cents", credit_cents}, {"note", "start"}});
    EXPECT_EQ(top_up.status, 200) << top_up.body;
    return id;
  }

  std::int64_t balance_of(ApiClient& who) {
    auto me = who.get("/api/v1/me");
    EXPECT_EQ(me.status, 200) << me.body;
    return me.json.value("balance_cents", std::int64_t{-1});
  }

  // Charges on the user's ledger (read through server B).
  int charges_of(std::int64_t user_id) {
    auto ledger = admin_b_->get("/api/v1/users/" + std::to_string(user_id) + "/ledger");
    EXPECT_EQ(ledger.status, 200) << ledger.body;
    int charges = 0;
    for (const auto& entry : ledger.json.value("entries", json::array())) {
      if (entry.value("kind", "") == "charge") ++charges;
    }
    return charges;
  }

  static json offline_job(const std::string& uuid, std::int64_t printer_id, int pages) {
    return {{"uuid", uuid},       {"printer", printer_id}, {"printed_at", model::format_timestamp(model::now_seconds() - std::chrono::hours(1))},
            {"title", "notes.pdf"}, {"pages", pages},        {"color_pages", 0},
            {"paper", "A4"}};
  }

  static inline std::string skip_reason_;
  static inline std::string setup_failure_;
  static inline std::string url_;  // the shared database
  static inline PostgresServer* postgres_ = nullptr;
  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* a_ = nullptr;
  static inline ServerProcess* b_ = nullptr;
  static inline RawSinkPeer* printer_ = nullptr;
  static inline std::int64_t printer_id_ = 0;

  std::unique_ptr<ApiClient> admin_a_, admin_b_;
};

TEST_F(SharedPostgresTest, UserAndQueueMadeOnOneServerAreServedByTheOther) {
  const auto id = create_user("carol", 1000);
  auto queue = admin_a_->post("/api/v1/queues", {{"name", "carol-hold"}, {"kind", "hold"}});
  ASSERT_EQ(queue.status, 201) << queue.body;

  // The user logs in through B, and B knows the queue A made.
  auto carol_b = client(*b_);
  auto login = carol_b->login("carol", kUserPassword);
  ASSERT_EQ(login.status, 200) << login.body;
  auto me = carol_b->get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["user"].value("id", std::int64_t{0}), id) << me.body;
  EXPECT_EQ(me.json.value("balance_cents", std::int64_t{-1}), 1000);
  auto queues = carol_b->get("/api/v1/queues");
  ASSERT_EQ(queues.status, 200) << queues.body;
  bool found = false;
  for (const auto& q : queues.json.value("queues", json::array())) {
    if (q.value("name", "") == "carol-hold") found = q.value("kind", "") == "hold";
  }
  EXPECT_TRUE(found) << queues.body;

  // A token issued by one server is honoured by the other (tokens live in the database).
  auto token = login.json.value("token", "");
  ASSERT_FALSE(token.empty()) << login.body;
  auto carol_a = client(*a_);
  carol_a->use_token(token);
  EXPECT_EQ(carol_a->get("/api/v1/me").status, 200);
  // And a log-out through A ends it on B too.
  ASSERT_EQ(carol_a->post("/api/v1/logout").status / 100, 2);
  EXPECT_EQ(carol_b->get("/api/v1/me").status, 401);
}

TEST_F(SharedPostgresTest, JobHeldThroughOneServerIsReleasedThroughTheOther) {
  const auto id = create_user("dave", 10000);
  ASSERT_EQ(admin_a_->post("/api/v1/queues", {{"name", "dave-hold"}, {"kind", "hold"}}).status,
            201);

  // Print-Job over IPP to A's hold queue, with the desktop client's UUID.
  const std::string uuid = new_job_uuid();
  const std::string document = read_file(kTestPdf);
  ASSERT_FALSE(document.empty()) << kTestPdf << " is missing: install cups-filters";
  auto printed = print_pdf(*a_, "dave-hold", uuid, document, "dave");
  ASSERT_EQ(printed.status(), IPP_STATUS_OK) << printed.string("status-message");
  const int job_id = printed.integer("job-id");
  ASSERT_GT(job_id, 0);

  // B answers IPP for the same job id: held.
  auto attributes = ipp_request(IPP_OP_GET_JOB_ATTRIBUTES,
                                "ipp://127.0.0.1:" + std::to_string(b_->port()) +
                                    "/ipp/print/dave-hold");
  ippAddInteger(attributes.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  auto held = post_ipp(b_->port(), "dave-hold", attributes.get(), "",
                       Credentials{"dave", kUserPassword});
  ASSERT_EQ(held.status(), IPP_STATUS_OK) << held.string("status-message");
  EXPECT_EQ(held.integer("job-state"), IPP_JSTATE_HELD);

  // The user sees it through B's REST API and releases it there; B's print workers send the
  // document A spooled.
  auto dave_b = client(*b_);
  ASSERT_EQ(dave_b->login("dave", kUserPassword).status, 200);
  auto mine = dave_b->get("/api/v1/me/jobs?state=held");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json["jobs"].size(), 1u) << mine.body;
  EXPECT_EQ(mine.json["jobs"][0].value("uuid", ""), uuid);
  auto release = dave_b->post("/api/v1/jobs/" + uuid + "/release", {{"printer", printer_id_}});
  ASSERT_EQ(release.status, 200) << release.body;

  json job;
  for (int i = 0; i < 300; ++i) {
    job = dave_b->get("/api/v1/jobs/" + uuid).json;
    if (job.value("state", "") == "printed" || job.value("state", "") == "failed") break;
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(job.value("state", ""), "printed") << job.dump() << "\nB's log:\n" << b_->log();
  EXPECT_EQ(printer_->received(), document);
  const auto cost = job.value("cost_cents", std::int64_t{0});
  EXPECT_GT(cost, 0);
  EXPECT_EQ(charges_of(id), 1);
  // The balance reads the same through either server.
  auto dave_a = client(*a_);
  ASSERT_EQ(dave_a->login("dave", kUserPassword).status, 200);
  EXPECT_EQ(balance_of(*dave_a), 10000 - cost);
  EXPECT_EQ(balance_of(*dave_b), 10000 - cost);
}

TEST_F(SharedPostgresTest, FallbackBatchUploadedToBothServersIsChargedOnce) {
  const auto id = create_user("erin", 1000);
  auto erin_a = client(*a_);
  ASSERT_EQ(erin_a->login("erin", kUserPassword).status, 200);
  auto erin_b = client(*b_);
  ASSERT_EQ(erin_b->login("erin", kUserPassword).status, 200);
  const json batch = {{"jobs",
                       {offline_job(new_job_uuid(), printer_id_, 2),
                        offline_job(new_job_uuid(), printer_id_, 3)}}};

  auto to_a = erin_a->post("/api/v1/accounting/fallback-jobs", batch);
  ASSERT_EQ(to_a.status, 200) << to_a.body;
  EXPECT_EQ(to_a.json.value("accepted", -1), 2) << to_a.body;
  auto to_b = erin_b->post("/api/v1/accounting/fallback-jobs", batch);
  ASSERT_EQ(to_b.status, 200) << to_b.body;
  EXPECT_EQ(to_b.json.value("duplicates", -1), 2) << to_b.body;
  EXPECT_EQ(to_b.json.value("accepted", -1), 0) << to_b.body;

  // 5 mono A4 pages at 10 c, once.
  EXPECT_EQ(balance_of(*erin_b), 1000 - 50);
  EXPECT_EQ(charges_of(id), 2);
}

TEST_F(SharedPostgresTest, FallbackBatchUploadedToBothServersAtOnceIsChargedOnce) {
  const auto id = create_user("frank", 10000);
  auto frank_a = client(*a_);
  ASSERT_EQ(frank_a->login("frank", kUserPassword).status, 200);
  auto frank_b = client(*b_);
  ASSERT_EQ(frank_b->login("frank", kUserPassword).status, 200);
  json jobs = json::array();
  for (int i = 0; i < 20; ++i) jobs.push_back(offline_job(new_job_uuid(), printer_id_, 1));
  const json batch = {{"jobs", jobs}};

  // The same batch to both servers at the same moment, as a client retrying against a second
  // node would: each job is accepted by exactly one of them.
  ApiReply from_a, from_b;
  std::thread upload_a([&] { from_a = frank_a->post("/api/v1/accounting/fallback-jobs", batch); });
  std::thread upload_b([&] { from_b = frank_b->post("/api/v1/accounting/fallback-jobs", batch); });
  upload_a.join();
  upload_b.join();
  ASSERT_EQ(from_a.status, 200) << from_a.body;
  ASSERT_EQ(from_b.status, 200) << from_b.body;
  EXPECT_EQ(from_a.json.value("accepted", 0) + from_b.json.value("accepted", 0), 20)
      << from_a.body << "\n" << from_b.body;
  EXPECT_EQ(from_a.json.value("duplicates", 0) + from_b.json.value("duplicates", 0), 20);
  EXPECT_EQ(from_a.json.value("rejected", 0) + from_b.json.value("rejected", 0), 0);
  EXPECT_EQ(balance_of(*frank_a), 10000 - 20 * 10);
  EXPECT_EQ(charges_of(id), 20);
}


// Pause-Printer and Disable-Printer are kept with the queue in the database: a server started
// after the pause (as after a restart) and every other node see it and hold what they receive,
// and Resume-Printer through any node releases every job the pause held, on whichever node.
TEST_F(SharedPostgresTest, AQueuePausedThroughOneServerIsPausedOnEveryServer) {
  const auto id = create_user("gina", 10000);
  auto queue = admin_a_->post("/api/v1/queues", {{"name", "gina-direct"},
                                                 {"kind", "direct"},
                                                 {"printer_id", printer_id_}});
  ASSERT_EQ(queue.status, 201) << queue.body;
  const auto ask = [](const ServerProcess& server, ipp_op_t operation) {
    auto request = ipp_request(operation, "ipp://127.0.0.1:" + std::to_string(server.port()) +
                                              "/ipp/print/gina-direct");
    return post_ipp(server.port(), "gina-direct", request.get(), "",
                    Credentials{"admin", kAdminPassword});
  };
  const std::string document = read_file(kTestPdf);
  ASSERT_EQ(ask(*a_, IPP_OP_PAUSE_PRINTER).status(), IPP_STATUS_OK);
  const std::string on_a = new_job_uuid();
  EXPECT_EQ(print_pdf(*a_, "gina-direct", on_a, document, "gina").integer("job-state"),
            IPP_JSTATE_HELD);

  auto c = start_node("c", *dir_ / "data", url_, *dir_ / "admin-password", dir_->path());
  EXPECT_EQ(ask(*c, IPP_OP_GET_PRINTER_ATTRIBUTES).integer("printer-state"), IPP_PSTATE_STOPPED);
  EXPECT_EQ(ask(*b_, IPP_OP_GET_PRINTER_ATTRIBUTES).integer("printer-state"), IPP_PSTATE_STOPPED);
  const std::string on_c = new_job_uuid();
  EXPECT_EQ(print_pdf(*c, "gina-direct", on_c, document, "gina").integer("job-state"),
            IPP_JSTATE_HELD);
  EXPECT_EQ(charges_of(id), 0);

  ASSERT_EQ(ask(*b_, IPP_OP_RESUME_PRINTER).status(), IPP_STATUS_OK);
  for (const auto& uuid : {on_a, on_c}) {
    json job;
    for (int i = 0; i < 300; ++i) {
      job = admin_a_->get("/api/v1/jobs/" + uuid).json;
      if (job.value("state", "") == "printed" || job.value("state", "") == "failed") break;
      std::this_thread::sleep_for(100ms);
    }
    EXPECT_EQ(job.value("state", ""), "printed") << job.dump();
  }
  EXPECT_EQ(charges_of(id), 2);
  EXPECT_EQ(ask(*c, IPP_OP_GET_PRINTER_ATTRIBUTES).integer("printer-state"), IPP_PSTATE_IDLE);

  ASSERT_EQ(ask(*c, IPP_OP_DISABLE_PRINTER).status(), IPP_STATUS_OK);
  EXPECT_EQ(print_pdf(*a_, "gina-direct", new_job_uuid(), document, "gina").status(),
            IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS);
  ASSERT_EQ(ask(*b_, IPP_OP_ENABLE_PRINTER).status(), IPP_STATUS_OK);
  EXPECT_EQ(print_pdf(*a_, "gina-direct", new_job_uuid(), document, "gina").status(),
            IPP_STATUS_OK);
  auto shown = admin_b_->get("/api/v1/queues");
  ASSERT_EQ(shown.status, 200) << shown.body;
  for (const auto& q : shown.json.value("queues", json::array())) {
    if (q.value("name", "") != "gina-direct") continue;
    EXPECT_FALSE(q.value("paused", true)) << q.dump();
    EXPECT_TRUE(q.value("accepting_jobs", false)) << q.dump();
  }
}

// Servers on one database, each named (--node-name) and marking itself alive every second:
// restarting one leaves alone the job the other is sending; killing one makes the survivor
// hold the job it was sending (it may have printed) and print the jobs it had queued.
TEST_F(SharedPostgresTest, ARestartingServerLeavesAnotherServersJobAloneAndTakesOverAStoppedOne) {
  // A printer slow enough (≈ 7 s for the test page) to catch jobs while they are being sent,
  // also on a loaded machine where restarting a server takes a few seconds.
  PrinterSimulator slow({.fault = SimulatedFault::kSlowReader, .slow_bytes_per_second = 16 * 1024});
  const std::string url = postgres_->create_database("printline_nodes");
  const auto data = *dir_ / "nodes-data";
  const auto password_file = *dir_ / "admin-password";
  auto node = [&](const std::string& name) {
    return start_node(name, data, url, password_file, dir_->path(),
                      {"--node-name", name, "--node-heartbeat", "1", "--print-workers", "1"});
  };
  auto c = node("c");
  auto d = node("d");
  auto admin = client(*c);
  ASSERT_EQ(admin->login("admin", kAdminPassword).status, 200);
  auto printer = admin->post("/api/v1/printers", {{"name", "slow"}, {"device_uri", slow.uri("socket")}});
  ASSERT_EQ(printer.status, 201) << printer.body;
  auto queue = admin->post("/api/v1/queues", {{"name", "slow-direct"},
                                               {"kind", "direct"},
                                               {"printer_id", printer.json.value("id", 0)}});
  ASSERT_EQ(queue.status, 201) << queue.body;
  ASSERT_EQ(admin->call("PUT", "/api/v1/price-list", price_list()).status, 200);
  auto user = admin->post("/api/v1/users", {{"login", "gina"}, {"password", kUserPassword}});
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string user_path = "/api/v1/users/" + std::to_string(user.json.value("id", 0));
  ASSERT_EQ(admin->post(user_path + "/top-up", {{"amount_cents", 10000}}).status, 200);
  auto gina = client(*d);
  ASSERT_EQ(gina->login("gina", kUserPassword).status, 200);

  const std::string document = read_file(kTestPdf);
  auto print_on_c = [&] {
    const std::string uuid = new_job_uuid();
    auto printed = print_pdf(*c, "slow-direct", uuid, document, "gina");
    EXPECT_EQ(printed.status(), IPP_STATUS_OK) << printed.string("status-message");
    return uuid;
  };
  auto state_of = [&](const std::string& uuid) {
    auto job = gina->get("/api/v1/jobs/" + uuid).json;
    return job.is_object() ? job.value("state", "") : "";
  };
  auto wait_for_state = [&](const std::string& uuid, const std::string& state) {
    for (int i = 0; i < 600 && state_of(uuid) != state; ++i) std::this_thread::sleep_for(50ms);
    return state_of(uuid);
  };

  // C is sending job 1 when D restarts: D leaves it alone, C finishes it.
  const auto first = print_on_c();
  ASSERT_EQ(wait_for_state(first, "printing"), "printing");
  d.reset();
  d = node("d");
  gina = client(*d);
  ASSERT_EQ(gina->login("gina", kUserPassword).status, 200);
  EXPECT_EQ(state_of(first), "printing") << d->log();
  ASSERT_EQ(wait_for_state(first, "printed"), "printed") << c->log();

  // C is sending job 2, job 3 waits in its queue, and C is killed: D holds job 2 once C has
  // been silent three heartbeats, and prints job 3.
  const auto second = print_on_c();
  ASSERT_EQ(wait_for_state(second, "printing"), "printing");
  const auto third = print_on_c();
  EXPECT_EQ(state_of(third), "pending");
  c->kill_now();
  EXPECT_EQ(wait_for_state(second, "held"), "held") << d->log();
  auto held = gina->get("/api/v1/jobs/" + second).json;
  EXPECT_NE(held.value("outcome", "").find("may or may not have printed"), std::string::npos)
      << held.dump();
  EXPECT_EQ(wait_for_state(third, "printed"), "printed") << d->log();
  EXPECT_EQ(state_of(first), "printed");
  auto admin_d = client(*d);
  ASSERT_EQ(admin_d->login("admin", kAdminPassword).status, 200);
  auto ledger = admin_d->get(user_path + "/ledger");
  int charges = 0;
  for (const auto& entry : ledger.json.value("entries", json::array())) {
    if (entry.value("kind", "") == "charge") ++charges;
  }
  EXPECT_EQ(charges, 2) << ledger.body;  // jobs 1 and 3; job 2 waits for its owner
}

}  // namespace
}  // namespace printline::testing
