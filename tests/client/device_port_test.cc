// FP-6 end to end: the profile's device port — protocol RAW, LPR or IPP, port, queue — is where
// a fallback job goes, on the host of the printer's device URI, whatever port that URI names.
// Each protocol against its real peer: socat (RAW), LPRng lpd (LPR), ippeveprinter (IPP).

#include <gtest/gtest.h>

#include <thread>

#include "client/running_client.h"
#include "client/test_office.h"
#include "store/store.h"
#include "support/file_text.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/lprng_peer.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "heidi-password-1";

// One fallback printer at 127.0.0.1 whose device URI names a port where nothing listens: only
// the profile's device port can reach the peer.
class DevicePortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    office_.add_user("heidi", 0, kPassword);
    model::Printer printer;
    printer.name = "hall";
    printer.device_uri = "socket://127.0.0.1:9";
    printer_ = must(office_.store().create_printer(printer, store::system_actor()));
  }

  // Sets the profile's device port, logs a client in, stops the server, prints the test PDF.
  client::JobView print_offline(model::DevicePort port) {
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {printer_.id};
    profile.fallback.port = std::move(port);
    office_.add_profile(profile);
    client_ = std::make_unique<RunningClient>(office_.base_url());
    client_->login("heidi", kPassword);
    office_.stop_server();
    client_->daemon().check_server_now();
    EXPECT_TRUE(client_->wait_for_online(false));
    auto job = must(client_->submit_file(kTestPdf, "device port"));
    auto printed =
        client_->wait_for_state(job.uuid, JobState::kPrintedOffline, std::chrono::seconds(60));
    EXPECT_TRUE(printed);
    return printed.value_or(job);
  }

  TestOffice office_;
  model::Printer printer_;
  std::unique_ptr<RunningClient> client_;
  const std::string pdf_ = read_file(kTestPdf);
};

TEST_F(DevicePortTest, FP6_Raw_ThePortOfTheProfile) {
  RawSinkPeer sink;
  auto job = print_offline(model::DevicePort{model::PortProtocol::kRaw, sink.port(), ""});
  ASSERT_EQ(job.state, JobState::kPrintedOffline) << job.reason;
  EXPECT_EQ(occurrences(sink.received(), pdf_), 1);
}

TEST_F(DevicePortTest, FP6_Lpr_ThePortAndQueueOfTheProfile) {
  LprngPeer lpd;
  auto job = print_offline(model::DevicePort{model::PortProtocol::kLpr, lpd.port(), lpd.queue()});
  ASSERT_EQ(job.state, JobState::kPrintedOffline) << job.reason;
  std::string received;
  for (int i = 0; i < 100 && occurrences(received, pdf_) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // lpd writes after the ack
    received = read_file(lpd.output_file());
  }
  EXPECT_EQ(occurrences(received, pdf_), 1);
}

TEST_F(DevicePortTest, FP6_Ipp_ThePortAndPathOfTheProfile) {
  IppEvePrinterPeer printer("printline-fallback");
  auto job =
      print_offline(model::DevicePort{model::PortProtocol::kIpp, printer.port(), "ipp/print"});
  ASSERT_EQ(job.state, JobState::kPrintedOffline) << job.reason;
  auto spooled = printer.spooled_document(1);
  ASSERT_TRUE(spooled) << "ippeveprinter did not keep a job 1";
  EXPECT_EQ(read_file(*spooled), pdf_);
}

}  // namespace
}  // namespace printline::testing
