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
#include "client/test_office.h"
#include "model/ledger_entry.h"
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

// The office's queue "main" prints on its server printer; dave's profile falls back to
// fallback_sink_.
class CupsPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dave_ = office_.add_user("dave", 1000, kPassword);
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {office_.add_printer("fallback-raw", fallback_sink_).id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink_.port(), ""};
    office_.add_profile(profile);

    client_ = std::make_unique<RunningClient>(office_.base_url());
    client_->login("dave", kPassword);
    ASSERT_TRUE(client_->wait_for_online(true));
    control_ =
        std::make_unique<client::ControlSocketServer>(client_->daemon(), run_dir_ / "control.sock");
    ASSERT_TRUE(control_->start().ok());
    local_printer_ = std::make_unique<client::LocalIppPrinter>(client_->daemon(), "127.0.0.1", 0,
                                                               run_dir_ / "ipp-spool");
    ASSERT_TRUE(local_printer_->start().ok());
    cups_ = std::make_unique<CupsdPeer>(
        std::vector<CupsQueue>{{"printline", "printline:/?socket=" + control_->path().string()},
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
    for (const auto& entry : must(office_.store().ledger_of(dave_.id))) {
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

  TestOffice office_;
  TempDir run_dir_{"printline-cups-run"};
  RawSinkPeer fallback_sink_;
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
  expect_printed_once(office_.server_printer());
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
  expect_printed_once(office_.server_printer());
  EXPECT_TRUE(cups_->wait_until_idle(std::chrono::seconds(10)));
}

TEST_F(CupsPathTest, FP2_LpWhileTheServerIsDown_FallbackPrinterGetsItThenAccountedOnce) {
  office_.stop_server();
  client_->daemon().check_server_now();
  ASSERT_TRUE(client_->wait_for_online(false));
  auto job = print_with_lp("printline", "lp during the outage");
  ASSERT_FALSE(job.uuid.empty());
  auto printed = client_->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  expect_printed_once(fallback_sink_);
  EXPECT_EQ(office_.server_printer().received(), "");

  office_.start_server();
  auto accounted = client_->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(charges_for(job.uuid), 1);
}

}  // namespace
}  // namespace printline::testing
