// Several printline-server nodes the way sites run them (issue 15, docs/operations.md "Several
// nodes behind a load balancer"): two real nodes on one real PostgreSQL and one data directory,
// behind a real HAProxy that health-checks /health (balancer_process.h); users' jobs and
// desktop-client heartbeats go to the balancer's one address only. A node killed with -9 under
// load and restarted loses no job and prints none twice; a drained node takes no new request
// and finishes the jobs it had.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/job_uuid.h"
#include "model/two_phase_submission.h"
#include "server/api_test_client.h"
#include "server/balancer_process.h"
#include "server/ipp_test_client.h"
#include "server/server_process.h"
#include "support/file_text.h"
#include "support/generated_pdf.h"
#include "support/postgres_server.h"
#include "support/printer_simulator.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kAdminPassword = "admin-password-for-tests";
constexpr const char* kUserPassword = "user-password-1";
constexpr const char* kQueue = "office";
// job_recovery.cc: what a job a stopped node left "printing" says once it is held (D10: it may
// have come out of the printer, so it is never sent again without its owner).
constexpr const char* kInterrupted = "may or may not have printed";
// D10: how long a node waits before printing desktop-client jobs committed by a node that
// stopped (the site profile's 2 heartbeats of 1 s plus its 10 s answer timeout).
constexpr auto kGrace = std::chrono::seconds(12);

struct User {
  std::string login;
  std::int64_t id = 0;
  std::string token;
};

// One job a user sent and the balancer's nodes acknowledged.
struct SentJob {
  std::string uuid;
  std::string document;
  const User* owner = nullptr;
};

// A heartbeat that got no answer, and when it was tried.
struct MissedHeartbeat {
  Clock::time_point started, ended;
  int status = 0;
};

class BalancerTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { delete postgres_; }

  // Not root, or no PostgreSQL: skipped with the reason (a failure in CI, scripts/test.sh).
  // One postgres serves the program's tests, each on its own database.
  void SetUp() override {
    if (auto why = PostgresServer::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    if (!postgres_) postgres_ = new PostgresServer();  // throws (the test fails) with the reason
  }

  void TearDown() override {
    balancer_.reset();
    a_.reset();
    b_.reset();
  }

  // A new site: database, nodes a and b (a first: it creates the schema and the administrator,
  // as the first node of a site does), a printer, the balancer, and through it a price list, a
  // direct queue to the printer and a default profile.
  void set_up_site(SimulatorConfig printer) {
    url_ = postgres_->create_database("balancer_" + std::to_string(++sites_));
    std::ofstream(dir_ / "admin-password") << kAdminPassword << "\n";
    a_ = start_node("a");
    a_port_ = a_->port();
    b_ = start_node("b");
    printer_ = std::make_unique<PrinterSimulator>(printer);
    balancer_ = std::make_unique<Balancer>(
        PRINTLINE_HAPROXY, std::vector<BalancedNode>{{"a", a_->port()}, {"b", b_->port()}}, dir_.path());
    ASSERT_TRUE(balancer_->wait_for_status("a", "UP", 10s)) << balancer_->log();
    ASSERT_TRUE(balancer_->wait_for_status("b", "UP", 10s)) << balancer_->log();

    admin_ = through_balancer();
    ASSERT_EQ(admin_->login("admin", kAdminPassword).status, 200);
    auto prices = admin_->call(
        "PUT", "/api/v1/price-list",
        json{{"prices", {{{"paper", "A4"}, {"color", false}, {"cents_per_page", 10}}}},
             {"duplex_discount_percent", 0}});
    ASSERT_EQ(prices.status, 200) << prices.body;
    auto created = admin_->post("/api/v1/printers",
                                {{"name", "floor1"}, {"device_uri", printer_->uri("socket")}});
    ASSERT_EQ(created.status, 201) << created.body;
    printer_id_ = created.json.value("id", std::int64_t{0});
    auto queue = admin_->post(
        "/api/v1/queues", {{"name", kQueue}, {"kind", "direct"}, {"printer_id", printer_id_}});
    ASSERT_EQ(queue.status, 201) << queue.body;
    // Desktop clients know the balancer's one address. The answer timeout bounds the commit
    // (D10); generous, so that a loaded test machine never turns a slow answer into a refused
    // commit. With the heartbeat, it sets the grace before the killed node's committed jobs
    // print elsewhere (2 × 1 s + 10 s: docs/api.md, the commit), which the waits below allow.
    auto profile = admin_->post(
        "/api/v1/profiles",
        {{"name", "site"},
         {"is_default", true},
         {"server_addresses", {"http://127.0.0.1:" + std::to_string(balancer_->port())}},
         {"heartbeat_interval_s", 1},
         {"answer_timeout_s", 10}});
    ASSERT_EQ(profile.status, 201) << profile.body;
  }

  // Node `name` with its own log per start; a restarted node keeps its port, as the balancer's
  // configuration names it. Heartbeat 2 s: a node is presumed stopped after 6 s of silence,
  // which a loaded test machine never makes of a live one.
  std::unique_ptr<ServerProcess> start_node(const std::string& name, int port = 0) {
    const auto log = dir_ / (name + "-" + std::to_string(++starts_) + ".log");
    return std::make_unique<ServerProcess>(
        PRINTLINE_SERVER_BINARY, dir_ / "data", log,
        std::vector<std::string>{"--db", url_, "--admin-password-file",
                                 (dir_ / "admin-password").string(), "--node-name", name,
                                 "--node-heartbeat", "2", "--print-workers", "1"},
        port);
  }

  std::unique_ptr<ApiClient> through_balancer() const {
    return std::make_unique<ApiClient>("127.0.0.1", balancer_->port());
  }

  User create_user(const std::string& login) {
    auto created = admin_->post("/api/v1/users", {{"login", login}, {"password", kUserPassword}});
    EXPECT_EQ(created.status, 201) << created.body;
    User user{login, created.json.value("id", std::int64_t{0}), ""};
    EXPECT_EQ(admin_->post("/api/v1/users/" + std::to_string(user.id) + "/top-up",
                           {{"amount_cents", 100000}})
                  .status,
              200);
    auto session = through_balancer();
    auto logged_in = session->login(login, kUserPassword);
    EXPECT_EQ(logged_in.status, 200) << logged_in.body;
    user.token = logged_in.json.value("token", "");
    return user;
  }

  // Print-Job through the balancer with the job's UUID; `awaiting_commit`: the desktop
  // client's first phase (D10).
  IppReply print(const User& user, const std::string& uuid, const std::string& document,
                 bool awaiting_commit) const {
    auto request =
        ipp_request(IPP_OP_PRINT_JOB, "ipp://127.0.0.1:" + std::to_string(balancer_->port()) +
                                          "/ipp/print/" + kQueue);
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 "application/pdf");
    if (awaiting_commit) {
      ippAddBoolean(request.get(), IPP_TAG_OPERATION, model::kCommitByUuidAttribute, 1);
    }
    ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr,
                 ("urn:uuid:" + uuid).c_str());
    return post_ipp(balancer_->port(), kQueue, request.get(), document,
                    Credentials{user.login, kUserPassword});
  }

  // What a client does until the site has the job (D6): the same UUID again after a broken
  // connection or a 5xx, until a node answers; then, for the desktop client, the commit by
  // UUID the same way (D10). "" once acknowledged, else what went wrong.
  std::string submit(const User& user, const std::string& uuid, const std::string& document,
                     bool desktop_client, Clock::time_point deadline) const {
    for (;;) {
      auto reply = print(user, uuid, document, desktop_client);
      if (reply.status() == IPP_STATUS_OK) break;
      if (reply.http_status != 0 && reply.http_status < 500 && reply.response) {
        return "Print-Job refused: " + reply.string("status-message");
      }
      if (Clock::now() > deadline) return "no node took Print-Job " + uuid;
      std::this_thread::sleep_for(50ms);
    }
    if (!desktop_client) return "";
    ApiClient api("127.0.0.1", balancer_->port());
    api.use_token(user.token);
    for (;;) {
      auto committed = api.call("POST", "/api/v1/jobs/" + uuid + "/commit");
      if (committed.status == 200) return "";
      if (committed.status != 0 && committed.status < 500) {
        return "commit of " + uuid + " answered " + std::to_string(committed.status) + ": " +
               committed.body;
      }
      if (Clock::now() > deadline) return "no node took the commit of " + uuid;
      std::this_thread::sleep_for(50ms);
    }
  }

  // Every job of the site by UUID, as the administrator sees it.
  std::map<std::string, json> jobs_by_uuid() const {
    std::map<std::string, json> jobs;
    auto listed = admin_->get("/api/v1/jobs?limit=1000");
    for (const auto& job : listed.json.value("jobs", json::array()))
      jobs[job.value("uuid", "")] = job;
    return jobs;
  }

  // Waits until every job is in one of `final_states`; the jobs as they are then.
  std::map<std::string, json> wait_until_final(const std::vector<SentJob>& sent,
                                               const std::set<std::string>& final_states,
                                               std::chrono::seconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      auto jobs = jobs_by_uuid();
      bool all_final = true;
      for (const auto& job : sent) {
        all_final = all_final && jobs.count(job.uuid) &&
                    final_states.count(jobs[job.uuid].value("state", ""));
      }
      if (all_final || Clock::now() > deadline) return jobs;
      std::this_thread::sleep_for(100ms);
    }
  }

  // Charges on the ledgers of `users`, by job UUID.
  std::map<std::string, int> charges(const std::vector<User>& users) const {
    std::map<std::string, int> by_job;
    for (const auto& user : users) {
      auto ledger = admin_->get("/api/v1/users/" + std::to_string(user.id) + "/ledger");
      EXPECT_EQ(ledger.status, 200) << ledger.body;
      for (const auto& entry : ledger.json.value("entries", json::array())) {
        if (entry.value("kind", "") == "charge") ++by_job[entry.value("job_uuid", "")];
      }
    }
    return by_job;
  }

  // The jobs node `node` is sending at this moment, read from the shared database.
  std::set<std::string> printing_on(const std::string& node) const {
    pqxx::connection connection(url_);
    pqxx::nontransaction read(connection);
    std::set<std::string> uuids;
    for (const auto& row : read.exec_params(
             "SELECT uuid FROM jobs WHERE state = 'printing' AND printing_node = $1", node)) {
      uuids.insert(row[0].as<std::string>());
    }
    return uuids;
  }

  bool wait_for(const std::function<bool()>& condition, std::chrono::seconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    while (!condition()) {
      if (Clock::now() > deadline) return false;
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }

  static inline PostgresServer* postgres_ = nullptr;
  static inline int sites_ = 0;

  TempDir dir_{"printline-balancer"};
  std::string url_;
  int starts_ = 0;
  int a_port_ = 0;
  std::unique_ptr<ServerProcess> a_, b_;
  std::unique_ptr<PrinterSimulator> printer_;
  std::unique_ptr<Balancer> balancer_;
  std::unique_ptr<ApiClient> admin_;
  std::int64_t printer_id_ = 0;
};

// Users keep printing and their desktop clients keep reporting through the balancer while
// node a is killed with -9 in the middle of sending a job, and restarted.
TEST_F(BalancerTest, NodeKilledUnderLoadLosesNothingAndPrintsNothingTwice) {
  // Each job takes the printer about 60 ms, so that a node is always in the middle of one.
  set_up_site({.fault = SimulatedFault::kSlowReader, .slow_bytes_per_second = 512 * 1024});
  if (HasFatalFailure()) return;
  const std::vector<User> users{create_user("ann"), create_user("ben"), create_user("cid")};

  std::atomic<bool> loading{true};
  std::mutex mutex;
  std::vector<SentJob> sent;
  std::vector<std::string> failures;
  int sent_again = 0;
  std::vector<std::thread> clients;
  const auto deadline = Clock::now() + 50s;
  for (std::size_t u = 0; u < users.size(); ++u) {
    // ann and ben print from the desktop client (two phases), cid from a plain IPP client.
    const bool desktop_client = u < 2;
    clients.emplace_back([&, user = &users[u], desktop_client] {
      for (int n = 0; loading; ++n) {
        const std::string uuid = new_job_uuid();
        const std::string document = one_page_pdf(32 * 1024, uuid);
        auto problem = submit(*user, uuid, document, desktop_client, deadline);
        // Every third job: the client lost the answer and sends the same job again.
        const bool again = problem.empty() && n % 3 == 0;
        if (again) problem = submit(*user, uuid, document, desktop_client, deadline);
        std::lock_guard lock(mutex);
        sent_again += again ? 1 : 0;
        if (!problem.empty()) {
          failures.push_back(user->login + ": " + problem);
          return;
        }
        sent.push_back({uuid, document, user});
      }
    });
  }
  // The desktop clients' heartbeats (PUT /api/v1/me/client-report), each with a new count.
  std::map<std::string, std::int64_t> last_reported;
  std::vector<MissedHeartbeat> missed;
  for (const auto& user : users) {
    clients.emplace_back([&, user = &user] {
      ApiClient api("127.0.0.1", balancer_->port());
      api.use_token(user->token);
      for (std::int64_t count = 1; loading; ++count) {
        const auto started = Clock::now();
        auto reply = api.call("PUT", "/api/v1/me/client-report",
                              json{{"client_id", "ws-" + user->login},
                                   {"hostname", "ws-" + user->login},
                                   {"os_user", user->login},
                                   {"fallback_jobs_awaiting_upload", count}});
        {
          std::lock_guard lock(mutex);
          if (reply.status == 200) last_reported[user->login] = count;
          else missed.push_back({started, Clock::now(), reply.status});
        }
        std::this_thread::sleep_for(50ms);
      }
    });
  }
  auto sent_count = [&] {
    std::lock_guard lock(mutex);
    return sent.size();
  };
  auto stop_load = [&] {
    loading = false;
    for (auto& client : clients) {
      if (client.joinable()) client.join();
    }
  };
  // Also when an assertion below returns or something throws.
  struct StopOnExit {
    std::function<void()> stop;
    ~StopOnExit() { stop(); }
  } stop_on_exit{stop_load};

  // Node a is sending a job (the printer reads it, or a waits for the printer) when it dies.
  ASSERT_TRUE(wait_for([&] { return sent_count() >= 6 && !printing_on("a").empty(); }, 20s))
      << "node a never sent a job:\n" << a_->log();
  const auto killed_at = Clock::now();
  a_->kill_now();
  // Almost always the job seen above; none when it ended in the instant before the kill.
  const std::set<std::string> cut_off = printing_on("a");
  // The balancer takes it out of rotation, and b alone takes the jobs meanwhile.
  const bool down = balancer_->wait_for_status("a", "DOWN", 10s);
  const auto down_at = Clock::now();
  const auto sent_before_restart = sent_count();
  const bool b_alone = down && wait_for([&] { return sent_count() >= sent_before_restart + 3; }, 15s);
  // Restarted on its port, a is back in rotation and takes jobs again.
  std::unique_ptr<ServerProcess> restarted;
  if (b_alone) restarted = start_node("a", a_port_);
  const bool up = restarted && balancer_->wait_for_status("a", "UP", 10s);
  const bool a_takes_jobs =
      up && wait_for([&] { return restarted->log().find("accepted from") != std::string::npos; },
                     15s);
  stop_load();
  ASSERT_TRUE(down) << balancer_->log();
  ASSERT_TRUE(b_alone) << "b took no jobs while a was down:\n" << b_->log();
  ASSERT_TRUE(up) << balancer_->log();
  ASSERT_TRUE(a_takes_jobs) << restarted->log();
  a_ = std::move(restarted);
  ASSERT_TRUE(failures.empty()) << failures.front();

  // Every acknowledged job ends printed, except those a was sending when it died: held for
  // their owner (D10), never sent again on the server's own.
  auto jobs = wait_until_final(sent, {"printed", "held"}, 45s + kGrace);
  for (const auto& uuid : cut_off) {
    EXPECT_TRUE(std::any_of(sent.begin(), sent.end(), [&](auto& s) { return s.uuid == uuid; }))
        << uuid << " was printing but its client has no acknowledgement for it";
  }
  // The printer serves connections in the order they came: once every job sent after the kill
  // has printed, what a had written before dying has arrived too.
  const std::string received = printer_->received();
  auto owed = charges(users);
  std::map<std::string, int> copies_before_release;
  for (const auto& job : sent) {
    const auto& server_job = jobs[job.uuid];
    const int copies = occurrences(received, job.document);
    if (cut_off.count(job.uuid)) {
      EXPECT_EQ(server_job.value("state", ""), "held") << server_job.dump();
      EXPECT_NE(server_job.value("outcome", "").find(kInterrupted), std::string::npos)
          << server_job.dump();
      EXPECT_EQ(owed[job.uuid], 0) << job.uuid;
      // What a had sent before it died, all of it or not: never sent again by a node itself.
      EXPECT_TRUE(copies == 0 || copies == 1) << copies << " copies of " << job.uuid;
      copies_before_release[job.uuid] = copies;
    } else {
      EXPECT_EQ(server_job.value("state", ""), "printed")
          << server_job.dump() << "\nb:\n" << b_->log() << "\na:\n" << a_->log();
      EXPECT_EQ(copies, 1) << job.uuid;
      EXPECT_EQ(owed[job.uuid], 1) << job.uuid;
    }
  }
  // Nothing the clients were not told about: the site has exactly the acknowledged jobs.
  EXPECT_EQ(jobs.size(), sent.size());

  // The owner looks at the printer, as the held job's reason asks: a cut-off job that came out
  // is cancelled, one that did not is released. Either way it is on paper exactly once; it is
  // charged once, except when it came out before its node could record it — then never
  // (docs/server.md "Restart rule": nothing is charged until a send succeeds).
  std::vector<SentJob> released;
  int came_out = 0;
  for (const auto& job : sent) {
    if (!cut_off.count(job.uuid)) continue;
    ApiClient owner("127.0.0.1", balancer_->port());
    owner.use_token(job.owner->token);
    if (copies_before_release[job.uuid] == 1) {
      ++came_out;
      auto cancelled = owner.post("/api/v1/jobs/" + job.uuid + "/cancel");
      ASSERT_EQ(cancelled.status, 200) << cancelled.body;
      EXPECT_EQ(cancelled.json.value("state", ""), "cancelled") << cancelled.body;
    } else {
      auto again = owner.post("/api/v1/jobs/" + job.uuid + "/release", {{"printer", printer_id_}});
      ASSERT_EQ(again.status, 200) << again.body;
      released.push_back(job);
    }
  }
  jobs = wait_until_final(released, {"printed"}, 30s);
  const std::string received_after = printer_->received();
  owed = charges(users);
  for (const auto& job : sent) {
    EXPECT_EQ(occurrences(received_after, job.document), 1) << job.uuid;
  }
  for (const auto& job : released) {
    EXPECT_EQ(jobs[job.uuid].value("state", ""), "printed") << jobs[job.uuid].dump();
    EXPECT_EQ(owed[job.uuid], 1);
  }
  int charged = 0;
  for (const auto& [uuid, count] : owed) charged += count;
  EXPECT_EQ(charged, static_cast<int>(sent.size()) - came_out);
  EXPECT_GT(sent_again, 0);

  // Heartbeats: only those in flight between the kill and the balancer's noticing went
  // unanswered; each client's last report is the one the site keeps.
  for (const auto& miss : missed) {
    EXPECT_TRUE(miss.ended >= killed_at && miss.started <= down_at)
        << "a heartbeat outside the kill window got " << miss.status;
  }
  auto reports = admin_->get("/api/v1/admin/client-reports");
  ASSERT_EQ(reports.status, 200) << reports.body;
  for (const auto& report : reports.json.value("clients", json::array())) {
    EXPECT_EQ(report.value("fallback_jobs_awaiting_upload", std::int64_t{-1}),
              last_reported[report.value("login", "")])
        << report.dump();
  }
  EXPECT_EQ(reports.json.value("clients", json::array()).size(), users.size());

  std::cout << "[          ] " << sent.size() << " jobs acknowledged (" << sent_again
            << " sent twice), " << cut_off.size() << " cut off on a (" << came_out
            << " had come out), " << missed.size() << " heartbeats missed\n";
}

// A node drained through the runtime API gets no new request; the jobs it had finish, and it
// stops cleanly.
TEST_F(BalancerTest, DrainedNodeTakesNoNewRequestsAndFinishesItsJobs) {
  // About 1 s per job: a's job is still going while the test looks at new requests.
  set_up_site({.fault = SimulatedFault::kSlowReader, .slow_bytes_per_second = 128 * 1024});
  if (HasFatalFailure()) return;
  const User user = create_user("dora");
  std::vector<SentJob> sent;
  // One request per job (an IPP client such as CUPS), so that round robin gives a its share:
  // the desktop client's two requests would put every commit, and so every job, on b.
  auto send_one = [&] {
    const std::string uuid = new_job_uuid();
    SentJob job{uuid, one_page_pdf(128 * 1024, uuid), &user};
    auto problem = submit(user, uuid, job.document, false, Clock::now() + 20s);
    EXPECT_TRUE(problem.empty()) << problem;
    sent.push_back(job);
  };
  // Jobs until a is sending one.
  ASSERT_TRUE(wait_for(
      [&] {
        if (printing_on("a").empty() && sent.size() < 8) send_one();
        return !printing_on("a").empty();
      },
      20s))
      << a_->log();
  const std::set<std::string> a_had = printing_on("a");

  const std::string answer =
      balancer_->command(std::string("set server ") + Balancer::kBackend + "/a state drain");
  EXPECT_TRUE(answer.find_first_not_of("\n") == std::string::npos) << answer;
  ASSERT_TRUE(balancer_->wait_for_status("a", "DRAIN", 5s)) << balancer_->status_of("a");

  // New requests go to b: REST calls, and jobs (b's log has them, a's does not).
  auto api = through_balancer();
  api->use_token(user.token);
  for (int i = 0; i < 6; ++i) {
    auto me = api->get("/api/v1/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.header(Balancer::kNodeHeader), "b");
  }
  const auto before_drain = sent.size();
  send_one();
  send_one();
  const std::string a_log = a_->log();
  for (auto i = before_drain; i < sent.size(); ++i) {
    EXPECT_EQ(a_log.find(sent[i].uuid), std::string::npos) << a_log;
    EXPECT_NE(b_->log().find(sent[i].uuid), std::string::npos);
  }
  // What a was sending when drained, a finishes; every job prints once, charged once.
  auto jobs = wait_until_final(sent, {"printed"}, 40s);
  const std::string received = printer_->received();
  auto owed = charges({user});
  for (const auto& job : sent) {
    EXPECT_EQ(jobs[job.uuid].value("state", ""), "printed") << jobs[job.uuid].dump();
    EXPECT_EQ(occurrences(received, job.document), 1);
    EXPECT_EQ(owed[job.uuid], 1);
  }
  for (const auto& uuid : a_had) {
    EXPECT_NE(a_->log().find("job " + uuid + " delivered"), std::string::npos) << a_->log();
  }
  // Drained and idle: a stops cleanly (SIGTERM, as systemctl stop), and the site goes on.
  EXPECT_TRUE(a_->stop()) << a_->log();
  EXPECT_TRUE(balancer_->wait_for_status("a", "DOWN", 5s));
  EXPECT_EQ(api->get("/api/v1/me").status, 200);
}

// The example shipped in packaging/haproxy is one HAProxy accepts, with certificates where it
// expects them.
TEST(ShippedHaproxyExample, IsAValidConfiguration) {
  TempDir dir("printline-haproxy-example");
  const auto key = dir / "key.pem", cert = dir / "cert.pem";
  ASSERT_EQ(run_program({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.string(), "-out",
                         cert.string(), "-days", "1", "-subj", "/CN=print.example.org"},
                        dir / "openssl.log"),
            0)
      << read_file(dir / "openssl.log");
  std::ofstream(dir / "printline.pem") << read_file(cert) << read_file(key);
  std::ofstream(dir / "printline-nodes.pem") << read_file(cert);
  std::string config = read_file(PRINTLINE_SOURCE_DIR "/packaging/haproxy/printline.cfg");
  ASSERT_FALSE(config.empty());
  const std::string etc = "/etc/haproxy/";
  for (auto at = config.find(etc); at != std::string::npos; at = config.find(etc, at)) {
    config.replace(at, etc.size(), (dir / "").string());
  }
  std::ofstream(dir / "haproxy.cfg") << config;
  EXPECT_EQ(run_program({PRINTLINE_HAPROXY, "-c", "-f", (dir / "haproxy.cfg").string()},
                        dir / "check.log"),
            0)
      << read_file(dir / "check.log");
}

}  // namespace
}  // namespace printline::testing
