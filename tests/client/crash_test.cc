// Crash tests (SPEC §5 "Nothing lost", issue 4): the real printline-server and printline-client
// programs, killed with SIGKILL at each named durable step (PRINTLINE_CRASH_AT, core/
// crash_point.h) — during spooling, after the outbox recorded a job, during the submission,
// after the server accepted but before the client recorded it, inside the server before it
// answered, during a fallback print, during the accounting upload on either side — then
// restarted. Every job must come out of a printer exactly once and be charged exactly once.
//
// Printers are socat RAW sinks (real peers); the server keeps its SQLite database, which the
// test also opens to set up users and to read the ledger.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "client/control_protocol.h"
#include "client/control_socket_client.h"
#include "model/ledger_entry.h"
#include "store/store.h"
#include "support/child_process.h"
#include "support/file_text.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/loopback_port.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::ControlCommand;
using client::ControlRequest;
using client::ControlSocketClient;
using client::JobState;
using client::JobView;
using namespace std::chrono_literals;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "erin-password-1";

ControlRequest command(ControlCommand what, std::string job = "", std::string printer = "") {
  ControlRequest request;
  request.command = what;
  request.job = std::move(job);
  request.printer = std::move(printer);
  return request;
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "admin.pw") << "admin-password-for-crash-tests\n";
    server_port_ = pick_free_port();
    start_server();
    store_ = must(store::open_sqlite_store((dir_ / "server" / "printline.db").string()));
    model::User erin;
    erin.login = "erin";
    erin.name = "Erin";
    erin_ = must(store_->create_user(erin, kPassword, store::system_actor()));
    must(store_->top_up(erin_.id, 10000, "test", store::system_actor()));
    model::PriceList prices;
    for (auto paper : {model::PaperSize::kA4, model::PaperSize::kLetter}) {
      prices.prices.push_back({paper, false, 10});
      prices.prices.push_back({paper, true, 50});
    }
    must(store_->set_price_list(prices, store::system_actor()));
    model::Printer on_server;
    on_server.name = "server-raw";
    on_server.device_uri = server_sink_.uri();
    on_server = must(store_->create_printer(on_server, store::system_actor()));
    model::PrintQueue queue;
    queue.name = "main";
    queue.printer_id = on_server.id;
    must(store_->create_queue(queue, store::system_actor()));
    model::Printer fallback;
    fallback.name = "fallback-raw";
    fallback.device_uri = fallback_uri();
    fallback = must(store_->create_printer(fallback, store::system_actor()));
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.server_addresses = {server_url()};
    profile.connect_timeout = 1000ms;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {fallback.id};
    profile.fallback.port = fallback_port();
    must(store_->create_profile(profile, store::system_actor()));

    start_client();
    auto login_request = command(ControlCommand::kLogin);
    login_request.login = "erin";
    login_request.password = kPassword;
    auto login = request(login_request);
    ASSERT_TRUE(login.ok()) << login.error().message;
  }

  // The profile's fallback printer: the RAW sink, unless a test says otherwise.
  virtual std::string fallback_uri() const { return fallback_sink_.uri(); }
  virtual model::DevicePort fallback_port() const {
    return {model::PortProtocol::kRaw, fallback_sink_.port(), ""};
  }

  std::string server_url() const { return "http://127.0.0.1:" + std::to_string(server_port_); }

  // crash_at: a crash point name, or empty.
  // freeze: at crash_at the server stops itself (SIGSTOP, a hung server) instead of dying.
  void start_server(const std::string& crash_at = "", bool freeze = false) {
    if (server_) server_->stop();
    server_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{"env", "PRINTLINE_CRASH_AT=" + crash_at,
                                 std::string("PRINTLINE_CRASH_SIGNAL=") + (freeze ? "STOP" : ""),
                                 PRINTLINE_SERVER,
                                 "--data", (dir_ / "server").string(), "--listen",
                                 "127.0.0.1:" + std::to_string(server_port_),
                                 "--admin-password-file", (dir_ / "admin.pw").string(),
                                 "--log-level", "info"},
        dir_ / "server.log");
    ASSERT_TRUE(wait_until_listening(server_port_, 20s, [&] { return server_->running(); }))
        << read_file(dir_ / "server.log");
  }

  // language: the workstation's locale (LANG) with this build's catalogs; empty: inherited.
  void start_client(const std::string& crash_at = "", const std::string& language = "") {
    if (client_) client_->stop();
    std::vector<std::string> command{"env", "PRINTLINE_CRASH_AT=" + crash_at};
    if (!language.empty()) {
      command.insert(command.end(), {"LANG=" + language, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=",
                                     std::string("PRINTLINE_LOCALEDIR=") + PRINTLINE_LOCALEDIR});
    }
    command.insert(command.end(), {PRINTLINE_CLIENT, "--state", (dir_ / "client").string(),
                                   "--server", server_url(), "--control-socket",
                                   socket_path().string(), "--heartbeat-ms", "300",
                                   "--log-level", "info"});
    client_ = std::make_unique<ChildProcess>(command, dir_ / "client.log");
    for (int i = 0; i < 200; ++i) {
      if (ControlSocketClient::connect(socket_path()).ok()) return;
      ASSERT_TRUE(client_->running()) << read_file(dir_ / "client.log");
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "printline-client did not open its control socket\n" << read_file(dir_ / "client.log");
  }

  std::filesystem::path socket_path() const { return dir_ / "run" / "control.sock"; }

  client::ControlResult<nlohmann::json> request(const ControlRequest& what, int fd = -1) {
    auto connection = ControlSocketClient::connect(socket_path());
    if (!connection.ok()) return connection.error();
    return connection->request(what, fd);
  }

  // Submits the test PDF through the control socket, as `printline print` does.
  client::ControlResult<nlohmann::json> submit(const std::string& title) {
    const int fd = ::open(kTestPdf.c_str(), O_RDONLY | O_CLOEXEC);
    ControlRequest what = command(ControlCommand::kSubmit);
    what.submit.title = title;
    auto answer = request(what, fd);
    ::close(fd);
    return answer;
  }

  // Submits to a client that dies at a crash point on its worker thread, which may run before
  // the answer to the submission is written. The job is durable before that answer either
  // way, so only what the restarted client does with it is checked (by its title).
  void submit_racing_the_crash(const std::string& title) { (void)submit(title); }

  std::optional<JobView> find_job(const std::string& title) {
    auto answer = request(command(ControlCommand::kJobs));
    if (!answer.ok()) return std::nullopt;
    for (const auto& job : (*answer)["jobs"]) {
      if (job.value("title", "") == title) return job.get<JobView>();
    }
    return std::nullopt;
  }

  // Waits until the job titled `title` is in one of `states`; its last view otherwise.
  std::optional<JobView> wait_for(const std::string& title, std::vector<JobState> states,
                                  std::chrono::milliseconds timeout = 30s) {
    std::optional<JobView> last;
    for (auto end = std::chrono::steady_clock::now() + timeout;
         std::chrono::steady_clock::now() < end; std::this_thread::sleep_for(100ms)) {
      last = find_job(title);
      if (last && std::find(states.begin(), states.end(), last->state) != states.end()) break;
    }
    return last;
  }

  void wait_for_death(ChildProcess& process, const char* who) {
    ASSERT_TRUE(process.wait_for_exit(30s)) << who << " did not reach its crash point";
    ASSERT_TRUE(WIFSIGNALED(process.exit_status()) && WTERMSIG(process.exit_status()) == SIGKILL)
        << who << " ended otherwise than by SIGKILL (status " << process.exit_status() << ")";
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(store_->ledger_of(erin_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  int copies_at(const RawSinkPeer& sink) {
    std::this_thread::sleep_for(300ms);  // let the sink write what it received
    return occurrences(sink.received(), pdf_);
  }

  void expect_at_server_printed_once_charged_once(const std::string& title) {
    auto job = wait_for(title, {JobState::kAtServer});
    ASSERT_TRUE(job) << "the job is not in the outbox; the client's log:\n"
                     << read_file(dir_ / "client.log");
    ASSERT_EQ(job->state, JobState::kAtServer) << job->reason;
    for (int i = 0; i < 100 && charges_for(job->uuid) == 0; ++i) std::this_thread::sleep_for(100ms);
    EXPECT_EQ(copies_at(server_sink_), 1);
    EXPECT_EQ(copies_at(fallback_sink_), 0);
    EXPECT_EQ(charges_for(job->uuid), 1);
  }

  // D10: printed once on the fallback printer, the report accepted, the server's copy (if it
  // recorded one) replaced by it: charged once, and the server's printer never got it.
  void expect_printed_on_fallback_once_charged_once(const std::string& title) {
    auto job = wait_for(title, {JobState::kAccounted}, 60s);
    ASSERT_TRUE(job) << read_file(dir_ / "client.log");
    ASSERT_EQ(job->state, JobState::kAccounted) << job->reason;
    auto at_server = must(store_->find_job(job->uuid));
    ASSERT_TRUE(at_server);
    // A fallback print is final: the server's copy can no longer print.
    EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
    EXPECT_EQ(at_server->state, model::JobState::kPrinted);
    EXPECT_FALSE(at_server->printed_twice());
    EXPECT_EQ(copies_at(fallback_sink_), 1);
    EXPECT_EQ(copies_at(server_sink_), 0);
    EXPECT_EQ(charges_for(job->uuid), 1);
  }

  void wait_until_client_sees_server(bool online) {
    auto seen = [&] {
      auto status = request(command(ControlCommand::kStatus));
      return status.ok() && (*status)["status"].value("online", !online) == online;
    };
    for (int i = 0; i < 100 && !seen(); ++i) std::this_thread::sleep_for(100ms);
    ASSERT_TRUE(seen()) << "the client never saw the server " << (online ? "online" : "offline");
  }

  void stop_server_and_wait_offline() {
    server_->stop();
    wait_until_client_sees_server(false);
  }

  TempDir dir_{"printline-crash"};
  RawSinkPeer server_sink_;
  RawSinkPeer fallback_sink_;
  int server_port_ = 0;
  std::unique_ptr<ChildProcess> server_;
  std::unique_ptr<ChildProcess> client_;
  std::unique_ptr<store::Store> store_;
  model::User erin_;
  const std::string pdf_ = read_file(kTestPdf);
};

// --- the client dies ---------------------------------------------------------------------

TEST_F(CrashTest, ClientKilledWhileSpooling_NothingAcceptedNothingKept_ResubmittedOnce) {
  start_client("client.spooled");  // the running client is replaced by one that will crash
  EXPECT_FALSE(submit("spooling").ok());  // never told "accepted"
  wait_for_death(*client_, "printline-client");
  start_client();
  EXPECT_FALSE(find_job("spooling")) << "a job that was never acknowledged came back";
  ASSERT_TRUE(submit("spooling").ok());  // the user prints again
  expect_at_server_printed_once_charged_once("spooling");
}

TEST_F(CrashTest, ClientKilledAfterRecording_BeforeAcknowledging_JobStillPrintedOnce) {
  start_client("client.outbox-recorded");
  EXPECT_FALSE(submit("recorded").ok());
  wait_for_death(*client_, "printline-client");
  start_client();
  expect_at_server_printed_once_charged_once("recorded");
}

TEST_F(CrashTest, ClientKilledBeforeTheServerGotIt_SentAgain_PrintedOnce) {
  start_client("client.sending-to-server");
  submit_racing_the_crash("sending");
  wait_for_death(*client_, "printline-client");
  start_client();
  expect_at_server_printed_once_charged_once("sending");
}

// D10: the server holds the job uncommitted; the restarted client sends it again under its UUID
// (the same job at the server) and commits it.
TEST_F(CrashTest, D10_ClientKilledAfterTheServerAccepted_SentAgainAndCommitted_PrintedOnce) {
  start_client("client.server-accepted");
  submit_racing_the_crash("accepted");
  wait_for_death(*client_, "printline-client");
  start_client();
  expect_at_server_printed_once_charged_once("accepted");
}

// --- the server dies ---------------------------------------------------------------------

// D10: the server recorded the job uncommitted and died before answering. The client treats it
// as down and prints on the fallback printer; the server, back, never prints its copy: the
// fallback report replaces it. Printed once, charged once.
TEST_F(CrashTest, D10_ServerKilledAfterRecordingBeforeAnswering_FallsBack_ServerCopyNeverPrinted) {
  start_server("server.job-recorded");
  wait_until_client_sees_server(true);  // the job goes to the server first
  ASSERT_TRUE(submit("server-crash").ok());
  wait_for_death(*server_, "printline-server");
  auto printed = wait_for("server-crash", {JobState::kPrintedOffline, JobState::kAccounted});
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  start_server();
  expect_printed_on_fallback_once_charged_once("server-crash");
}

// D10: the server committed the job and died before its answer left. The client, unanswered,
// prints on the fallback printer; the restarted server waits before printing the commits it
// finds, so the client's fallback report comes first and cancels its copy: printed once.
TEST_F(CrashTest, D10_ServerKilledAfterCommittingBeforeAnswering_FallsBack_ServerCopyNeverPrinted) {
  start_server("server.job-committed");
  wait_until_client_sees_server(true);
  ASSERT_TRUE(submit("commit-crash").ok());
  wait_for_death(*server_, "printline-server");
  auto printed = wait_for("commit-crash", {JobState::kPrintedOffline, JobState::kAccounted});
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  ASSERT_EQ(must(store_->find_job(printed->uuid))->state, model::JobState::kPending)
      << "the server did not record the commit before it died";
  start_server();
  expect_printed_on_fallback_once_charged_once("commit-crash");
}

// D10: the server froze right after committing the job (a hung server, or a database locked
// mid-commit). The client, unanswered within its answer timeout, prints on the fallback
// printer; the server, continued, finds its commit past the deadline and waits before
// printing, so the client's fallback report comes first and cancels its copy.
TEST_F(CrashTest, D10_ServerFrozenAfterCommitting_FallsBack_ServerCopyNeverPrinted) {
  start_server("server.job-committed", /*freeze=*/true);
  wait_until_client_sees_server(true);
  ASSERT_TRUE(submit("commit-freeze").ok());
  auto printed = wait_for("commit-freeze", {JobState::kPrintedOffline}, 40s);
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  ASSERT_EQ(must(store_->find_job(printed->uuid))->state, model::JobState::kPending)
      << "the server did not record the commit before it froze";
  ASSERT_EQ(::kill(server_->pid(), SIGCONT), 0);
  expect_printed_on_fallback_once_charged_once("commit-freeze");
}

// D10: a server that accepts connections and never answers (SIGSTOP) is a down server: the job
// prints on the fallback printer after the profile's answer timeout (5 s by default). Continued,
// the server finds the client's request in its socket and records the job uncommitted — or
// the fallback report first — and never prints it.
TEST_F(CrashTest, D10_ServerHung_FallsBackAfterTheAnswerTimeout_ServerCopyNeverPrinted) {
  wait_until_client_sees_server(true);
  ASSERT_EQ(::kill(server_->pid(), SIGSTOP), 0);
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(submit("hung").ok());
  auto printed = wait_for("hung", {JobState::kPrintedOffline}, 40s);
  const auto waited = std::chrono::steady_clock::now() - sent;
  ::kill(server_->pid(), SIGCONT);
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_LT(waited, 20s) << "the hung server held the job back far longer than its answer timeout";
  expect_printed_on_fallback_once_charged_once("hung");
}

// --- fallback printing and the accounting upload -------------------------------------------

// D14: on a French workstation the desktop client words what it did in French — the reasons
// `printline jobs` shows and the FP-7a notification repeats.
TEST_F(CrashTest, AFrenchWorkstationReadsWhatItsClientDidInFrench) {
  stop_server_and_wait_offline();
  start_client("", "fr_FR.UTF-8");
  ASSERT_TRUE(submit("rapport").ok());
  auto printed = wait_for("rapport", {JobState::kPrintedOffline});
  ASSERT_TRUE(printed) << read_file(dir_ / "client.log");
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_NE(printed->reason.find("Imprimé sur « fallback-raw » pendant que le serveur "
                                 "d'impression était hors ligne"),
            std::string::npos)
      << printed->reason;
  // And `printline jobs` shows it in French: its headings, the job's state.
  ChildProcess cli({"env", "LANG=fr_FR.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=",
                    std::string("PRINTLINE_LOCALEDIR=") + PRINTLINE_LOCALEDIR, PRINTLINE_CLI,
                    "jobs", "--control-socket", socket_path().string()},
                   dir_ / "cli.log");
  ASSERT_TRUE(cli.wait_for_exit(20s));
  const std::string shown = read_file(dir_ / "cli.log");
  EXPECT_NE(shown.find("TRAVAIL"), std::string::npos) << shown;
  EXPECT_NE(shown.find("imprimé hors ligne"), std::string::npos) << shown;
  // What the client refuses is French too: a printed job has nothing to retry.
  auto retried = request(command(ControlCommand::kRetry, printed->uuid));
  ASSERT_FALSE(retried.ok());
  EXPECT_NE(retried.error().message.find("est à l'état « imprimé hors ligne » : il n'y a rien à "
                                         "réessayer"),
            std::string::npos)
      << retried.error().message;
}

TEST_F(CrashTest, ClientKilledBeforeTheFallbackPrintStarted_UserAsked_ThenPrintedAndChargedOnce) {
  stop_server_and_wait_offline();
  start_client("client.fallback-send-started");
  submit_racing_the_crash("fallback-start");
  wait_for_death(*client_, "printline-client");
  start_client();
  // The crash came before the first byte, but the client cannot know that: it asks.
  auto waiting = wait_for("fallback-start", {JobState::kWaitingForChoice});
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->state, JobState::kWaitingForChoice) << waiting->reason;
  EXPECT_EQ(copies_at(fallback_sink_), 0);
  ASSERT_TRUE(request(command(ControlCommand::kChoose, waiting->uuid, "fallback-raw")).ok());
  auto printed = wait_for("fallback-start", {JobState::kPrintedOffline});
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  start_server();
  auto accounted = wait_for("fallback-start", {JobState::kAccounted});
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  EXPECT_EQ(copies_at(fallback_sink_), 1);
  EXPECT_EQ(copies_at(server_sink_), 0);
  EXPECT_EQ(charges_for(accounted->uuid), 1);
}

// The one window no client can close alone: the printer took the job, the client died before
// writing that down. It is never resent silently (no double print); the user, who can see the
// printer, decides. Here the user sees it printed and cancels: printed once, never charged twice.
TEST_F(CrashTest, ClientKilledAfterTheFallbackPrinterTookIt_NotResentSilently) {
  stop_server_and_wait_offline();
  start_client("client.fallback-delivered");
  submit_racing_the_crash("fallback-done");
  wait_for_death(*client_, "printline-client");
  start_client();
  auto waiting = wait_for("fallback-done", {JobState::kWaitingForChoice});
  ASSERT_TRUE(waiting);
  ASSERT_EQ(waiting->state, JobState::kWaitingForChoice) << waiting->reason;
  EXPECT_NE(waiting->reason.find("may have printed"), std::string::npos) << waiting->reason;
  start_server();  // the server coming back must not send it there either
  // Not a pause but proof the client has worked with the server since: a job sent after its
  // return goes through it and prints there (the only copy the server's printer gets).
  wait_until_client_sees_server(true);
  ASSERT_TRUE(submit("after-return").ok());
  const auto later = wait_for("after-return", {JobState::kAtServer});
  ASSERT_TRUE(later && later->state == JobState::kAtServer) << read_file(dir_ / "client.log");
  for (int i = 0; i < 100 && charges_for(later->uuid) == 0; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_EQ(charges_for(later->uuid), 1);  // printed by the server, so the server's printer
  waiting = find_job("fallback-done");
  ASSERT_TRUE(waiting);
  EXPECT_EQ(waiting->state, JobState::kWaitingForChoice) << waiting->reason;
  EXPECT_EQ(copies_at(fallback_sink_), 1);
  EXPECT_EQ(copies_at(server_sink_), 1);     // the later job's alone
  EXPECT_EQ(charges_for(waiting->uuid), 0);  // nothing is charged before the user decides
  // The user saw it come out and cancels the copy the client holds: printed once, and the
  // cancellation is final — neither printed again nor charged later.
  ASSERT_TRUE(request(command(ControlCommand::kCancel, waiting->uuid)).ok());
  auto cancelled = wait_for("fallback-done", {JobState::kCancelled});
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->state, JobState::kCancelled) << cancelled->reason;
  EXPECT_EQ(copies_at(fallback_sink_), 1);
  EXPECT_EQ(copies_at(server_sink_), 1);  // the later job's alone
  EXPECT_EQ(charges_for(waiting->uuid), 0);
}

// The same window with an IPP fallback printer, which lists the jobs it took: the restarted
// client asks it, finds the job there, and records it printed — accounted once the server is
// back, charged once, never printed again and nobody asked.
class CrashTestWithAnIppFallbackPrinter : public CrashTest {
 protected:
  std::string fallback_uri() const override { return ipp_printer_.uri(); }
  model::DevicePort fallback_port() const override {
    return {model::PortProtocol::kIpp, ipp_printer_.port(), "ipp/print"};
  }

  IppEvePrinterPeer ipp_printer_{"fallback-ipp"};
};

TEST_F(CrashTestWithAnIppFallbackPrinter, ClientKilledAfterThePrinterTookIt_ThePrinterSaysSo) {
  stop_server_and_wait_offline();
  start_client("client.fallback-delivered");
  submit_racing_the_crash("ipp-done");
  wait_for_death(*client_, "printline-client");
  start_client();
  auto printed = wait_for("ipp-done", {JobState::kPrintedOffline, JobState::kWaitingForChoice});
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_NE(printed->reason.find("the printer lists it as its job"), std::string::npos)
      << printed->reason;
  start_server();
  auto accounted = wait_for("ipp-done", {JobState::kAccounted});
  ASSERT_TRUE(accounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  EXPECT_EQ(charges_for(accounted->uuid), 1);
  EXPECT_EQ(ipp_printer_.documents_received(), 1);
  EXPECT_EQ(copies_at(server_sink_), 0);
}

// The other answer the printer can give: killed after recording that the send started but
// before a byte left, the restarted client asks the IPP printer, whose job list reaches back
// before the job and does not have it, and prints it again by itself — once, charged once,
// nobody asked.
TEST_F(CrashTestWithAnIppFallbackPrinter, ClientKilledBeforeThePrinterGotIt_ThePrinterSaysSo) {
  stop_server_and_wait_offline();
  // An earlier job, finished at the printer, is what makes its job list reach back that far.
  ASSERT_TRUE(submit("ipp-earlier").ok());
  auto earlier = wait_for("ipp-earlier", {JobState::kPrintedOffline});
  ASSERT_TRUE(earlier && earlier->state == JobState::kPrintedOffline);
  ASSERT_EQ(ipp_printer_.wait_until_job_finished(1), 9);
  // The printer's clock counts whole seconds: the next job must come after the next second.
  std::this_thread::sleep_for(2500ms);
  start_client("client.fallback-send-started");
  submit_racing_the_crash("ipp-absent");
  wait_for_death(*client_, "printline-client");
  EXPECT_EQ(ipp_printer_.documents_received(), 1);
  start_client();
  auto printed = wait_for("ipp-absent", {JobState::kPrintedOffline, JobState::kWaitingForChoice});
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  const std::string log = read_file(dir_ / "client.log");
  EXPECT_NE(log.find("before the printer got it; it is printed again"), std::string::npos)
      << log;
  start_server();
  auto accounted = wait_for("ipp-absent", {JobState::kAccounted});
  ASSERT_TRUE(accounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  EXPECT_EQ(charges_for(accounted->uuid), 1);
  EXPECT_EQ(ipp_printer_.documents_received(), 2);  // the earlier job's and this one's
  EXPECT_EQ(copies_at(server_sink_), 0);
}

TEST_F(CrashTest, D6_ClientKilledAfterTheUploadWasCharged_UploadsAgain_ChargedOnce) {
  stop_server_and_wait_offline();
  start_client("client.upload-answered");
  ASSERT_TRUE(submit("upload").ok());
  auto printed = wait_for("upload", {JobState::kPrintedOffline});
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  start_server();
  wait_for_death(*client_, "printline-client");
  EXPECT_EQ(charges_for(printed->uuid), 1);  // the server did charge it
  start_client();
  auto accounted = wait_for("upload", {JobState::kAccounted});
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  EXPECT_EQ(charges_for(printed->uuid), 1);
  EXPECT_EQ(copies_at(fallback_sink_), 1);
}

TEST_F(CrashTest, D6_ServerKilledAfterChargingTheUploadBeforeAnswering_ChargedOnce) {
  stop_server_and_wait_offline();
  ASSERT_TRUE(submit("server-upload").ok());
  auto printed = wait_for("server-upload", {JobState::kPrintedOffline});
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  start_server("server.fallback-batch-committed");
  wait_for_death(*server_, "printline-server");
  EXPECT_EQ(charges_for(printed->uuid), 1);
  start_server();
  auto accounted = wait_for("server-upload", {JobState::kAccounted});
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  EXPECT_EQ(charges_for(printed->uuid), 1);
  EXPECT_EQ(copies_at(fallback_sink_), 1);
}

}  // namespace
}  // namespace printline::testing
