// The whole CUPS path with real parts (issue 4, SPEC §4): CUPS's own `lp` prints to a private
// Debian cupsd, whose queues hand the job to the desktop client —
//   "printline"   device printline:/  → Printline's CUPS backend (run by cupsd as root, as once
//                 installed) → the daemon's control socket;
//   "through-ipp" device ipp://…      → CUPS's ipp backend → the daemon's local IPP printer —
// and the daemon sends it to the server (online) or to the fallback printer (server down).
// The document must come out byte-identical, once, and be charged once.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "client/control_socket_server.h"
#include "client/local_ipp_printer.h"
#include "client/running_client.h"
#include "model/ledger_entry.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/cupsd_peer.h"
#include "support/file_text.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "dave-password-1";

// Runs a command; its exit status and what it printed.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  char buffer[4096];
  while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pipe == nullptr ? -1 : ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// The server prints queue "main" on server_sink_; dave's profile falls back to fallback_sink_.
class CupsPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<RunningServer>([this](server::ServerConfig& config) {
      config.data_dir = data_.path() / "data";
    });
    store_ = must(store::open_sqlite_store((data_.path() / "data" / "printline.db").string()));
    model::User dave;
    dave.login = "dave";
    dave.name = "Dave";
    dave_ = must(store_->create_user(dave, kPassword, store::system_actor()));
    must(store_->top_up(dave_.id, 1000, "test", store::system_actor()));
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    prices.prices.push_back({model::PaperSize::kLetter, false, 10});
    prices.prices.push_back({model::PaperSize::kLetter, true, 50});
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
    fallback.device_uri = fallback_sink_.uri();
    fallback = must(store_->create_printer(fallback, store::system_actor()));
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.server_addresses = {server_->base_url()};
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {fallback.id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink_.port(), ""};
    must(store_->create_profile(profile, store::system_actor()));

    client_ = std::make_unique<RunningClient>(server_->base_url());
    client_->login("dave", kPassword);
    ASSERT_TRUE(client_->wait_for_online(true));
    control_ = std::make_unique<client::ControlSocketServer>(client_->daemon(),
                                                             run_dir_ / "control.sock");
    ASSERT_TRUE(control_->start().ok());
    local_printer_ = std::make_unique<client::LocalIppPrinter>(client_->daemon(), "127.0.0.1", 0,
                                                               run_dir_ / "ipp-spool");
    ASSERT_TRUE(local_printer_->start().ok());
    cups_ = std::make_unique<CupsdPeer>(
        std::vector<CupsQueue>{
            {"printline", "printline:/?socket=" + control_->path().string()},
            {"through-ipp", local_printer_->uri()}},
        std::vector<std::pair<std::string, std::filesystem::path>>{
            {"printline", PRINTLINE_CUPS_BACKEND}});
  }

  void TearDown() override {
    cups_.reset();
    if (local_printer_) local_printer_->stop();
    if (control_) control_->stop();
  }

  // `lp` of CUPS to one of cupsd's queues; the daemon's job with that title once it is in.
  client::JobView print_with_lp(const std::string& queue, const std::string& title) {
    auto [status, output] = run(cups_lp_program() + " -h " + cups_->server() + " -d " + queue +
                                " -t '" + title + "' " + kTestPdf.string());
    EXPECT_EQ(status, 0) << output;
    for (int i = 0; i < 300; ++i) {
      for (const auto& job : client_->daemon().jobs()) {
        if (job.title == title) return job;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the job never reached the client; cupsd's log:\n" << cups_->error_log();
    return {};
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(store_->ledger_of(dave_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  void expect_printed_once(const RawSinkPeer& sink) {
    for (int i = 0; i < 200 && occurrences(sink.received(), pdf_) == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(occurrences(sink.received(), pdf_), 1);
  }

  TempDir data_{"printline-cups-path"};
  TempDir run_dir_{"printline-cups-run"};
  RawSinkPeer server_sink_;
  RawSinkPeer fallback_sink_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<store::Store> store_;
  model::User dave_;
  std::unique_ptr<RunningClient> client_;
  std::unique_ptr<client::ControlSocketServer> control_;
  std::unique_ptr<client::LocalIppPrinter> local_printer_;
  std::unique_ptr<CupsdPeer> cups_;
  const std::string pdf_ = read_file(kTestPdf);
};

TEST_F(CupsPathTest, LpToACupsQueueWithDevicePrintline_PrintedOnTheServersPrinterOnceChargedOnce) {
  auto job = print_with_lp("printline", "lp through the backend");
  ASSERT_FALSE(job.uuid.empty());
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  expect_printed_once(server_sink_);
  EXPECT_EQ(fallback_sink_.received(), "");
  for (int i = 0; i < 100 && charges_for(job.uuid) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(charges_for(job.uuid), 1);
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)))
      << "cupsd still holds the job: the backend did not report success";
}

TEST_F(CupsPathTest, LpToACupsQueueOnTheLocalIppPrinter_PrintedOnTheServersPrinterOnce) {
  auto job = print_with_lp("through-ipp", "lp through the local IPP printer");
  ASSERT_FALSE(job.uuid.empty());
  auto done = client_->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  expect_printed_once(server_sink_);
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)));
}

TEST_F(CupsPathTest, FP2_LpWhileTheServerIsDown_FallbackPrinterGetsItThenAccountedOnce) {
  const int port = server_->port();
  server_.reset();
  client_->daemon().check_server_now();
  ASSERT_TRUE(client_->wait_for_online(false));
  auto job = print_with_lp("printline", "lp during the outage");
  ASSERT_FALSE(job.uuid.empty());
  auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  expect_printed_once(fallback_sink_);
  EXPECT_EQ(server_sink_.received(), "");

  server_ = std::make_unique<RunningServer>([&](server::ServerConfig& config) {
    config.data_dir = data_.path() / "data";
    config.listen_port = port;
  });
  auto accounted = client_->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(store_->find_job(job.uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(charges_for(job.uuid), 1);
}

}  // namespace
}  // namespace printline::testing
