// A real PDF (from Debian's cups-filters) sent to real printer peers on loopback:
// ippeveprinter (IPP), LPRng lpd (LPD) and socat (RAW). What arrives must be identical.

#include <cups/ipp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "core/tls_certificate_probe.h"
#include "core/tls_trust.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/lprng_peer.h"
#include "support/raw_sink_peer.h"
#include "transport/pjl.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

using printline::testing::IppEvePrinterPeer;
using printline::testing::LprngPeer;
using printline::testing::RawSinkPeer;

// Written by the cups-filters authors, not by us.
constexpr const char* kRealPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";

std::string file_contents(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SendOptions pdf_options() {
  SendOptions options;
  options.job_uuid = kUuid;
  options.user = "alice";
  options.title = "Test page";
  options.document_format = "application/pdf";
  options.connect_timeout = std::chrono::milliseconds(3000);
  options.io_timeout = std::chrono::milliseconds(10000);
  return options;
}

SendResult send_pdf(const std::string& uri, const SendOptions& options) {
  auto document = open_document_file(kRealPdf);
  if (!document) {
    SendResult result;
    result.message = document.error().message;
    return result;
  }
  return send_document(uri, **document, options);
}

// LPD and RAW peers are started once for the program and stopped (also on failure) at its end.
// ippeveprinter takes one job at a time (busy while it "prints" for several seconds), so each
// IPP test starts its own.
class RealPeers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    lpd_ = std::make_unique<LprngPeer>();
    raw_ = std::make_unique<RawSinkPeer>();
  }
  static void TearDownTestSuite() {
    lpd_.reset();
    raw_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(lpd_ && raw_) << "a peer did not start";
    expected_ = file_contents(kRealPdf);
    ASSERT_GT(expected_.size(), 1000u);
  }

  void expect_ipp_job(const IppEvePrinterPeer& printer, const SendResult& result) {
    ASSERT_TRUE(result.delivered()) << result.message;
    ASSERT_TRUE(result.device_job_id.has_value());
    EXPECT_EQ(result.bytes_sent, expected_.size());
    auto spooled = printer.spooled_document(*result.device_job_id);
    ASSERT_TRUE(spooled.has_value()) << "no spooled file for job " << *result.device_job_id;
    EXPECT_TRUE(file_contents(*spooled) == expected_)
        << "the bytes that arrived differ from what was sent";
    auto state = printer.job_state(*result.device_job_id);
    ASSERT_TRUE(state.has_value()) << "the printer does not know job " << *result.device_job_id;
    EXPECT_GE(*state, IPP_JSTATE_PENDING);
    EXPECT_NE(*state, IPP_JSTATE_ABORTED);
  }

  static std::unique_ptr<LprngPeer> lpd_;
  static std::unique_ptr<RawSinkPeer> raw_;
  std::string expected_;
};

std::unique_ptr<LprngPeer> RealPeers::lpd_;
std::unique_ptr<RawSinkPeer> RealPeers::raw_;

TEST_F(RealPeers, IppPrintJobReachesIppEvePrinter) {
  SendOptions options = pdf_options();
  options.ipp_operations = IppOperations::kPrintJob;
  IppEvePrinterPeer printer;
  expect_ipp_job(printer, send_pdf(printer.uri(), options));
}

TEST_F(RealPeers, IppCreateJobAndSendDocumentReachIppEvePrinter) {
  SendOptions options = pdf_options();
  options.ipp_operations = IppOperations::kCreateJobSendDocument;
  IppEvePrinterPeer printer;
  expect_ipp_job(printer, send_pdf(printer.uri(), options));
}

TEST_F(RealPeers, IppAutomaticChoiceDeliversAndASecondJobFindsThePrinterBusy) {
  IppEvePrinterPeer printer;
  expect_ipp_job(printer, send_pdf(printer.uri(), pdf_options()));
  // ippeveprinter is still "printing" the first job: a real server-error-busy.
  const SendResult second = send_pdf(printer.uri(), pdf_options());
  EXPECT_EQ(second.outcome, Outcome::kBusy) << second.message;
  EXPECT_FALSE(second.device_message.empty());
}

TEST_F(RealPeers, IppsOverTlsReachesIppEvePrinterWhoseCertificateIsPinned) {
  IppEvePrinterPeer printer("printline-tls", /*tls=*/true);
  ASSERT_TRUE(printer.uri().starts_with("ipps://"));
  auto chain = printline::fetch_peer_certificates("127.0.0.1", printer.port(),
                                                  std::chrono::seconds(5));
  ASSERT_TRUE(chain.ok()) << chain.error().message;
  SendOptions options = pdf_options();
  options.tls_trust.pinned[printline::TlsTrust::key("127.0.0.1", printer.port())] =
      printline::sha256_fingerprint(chain->front());
  expect_ipp_job(printer, send_pdf(printer.uri(), options));
}

// D13: ippeveprinter's self-signed certificate is in no CA store and not pinned.
TEST_F(RealPeers, IppsRefusesAnUntrustedPrinterBeforeSendingAnything) {
  IppEvePrinterPeer printer("printline-tls", /*tls=*/true);
  const SendResult result = send_pdf(printer.uri(), pdf_options());
  EXPECT_EQ(result.outcome, Outcome::kUnreachable) << result.message;
  EXPECT_NE(result.message.find("not trusted"), std::string::npos) << result.message;
  EXPECT_EQ(result.bytes_sent, 0u);
  EXPECT_FALSE(printer.spooled_document(1, std::chrono::milliseconds(500)).has_value());
}

TEST_F(RealPeers, IppProbe) {
  IppEvePrinterPeer printer;
  const ProbeResult result = probe(printer.uri(), std::chrono::milliseconds(1000));
  EXPECT_TRUE(result.reachable) << result.message;
}

TEST_F(RealPeers, LpdOutputIsIdenticalAndControlLinesArrived) {
  const SendResult result = send_pdf(lpd_->uri(), pdf_options());
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_TRUE(lpd_->wait_for_output(expected_.size()) == expected_)
      << "the bytes that arrived differ from what was sent";
  const std::string records = lpd_->job_records();
  EXPECT_NE(records.find("P=alice"), std::string::npos) << records;
  EXPECT_NE(records.find("J=Test page"), std::string::npos) << records;
  EXPECT_NE(records.find("N=Test page"), std::string::npos) << records;
  EXPECT_NE(records.find("\nH="), std::string::npos) << records;
}

TEST_F(RealPeers, LpdRefusesAnUnknownQueueInItsOwnWords) {
  const std::string uri = lpd_->uri() + "_missing";
  const SendResult result = send_pdf(uri, pdf_options());
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_NE(result.device_message.find("does not exist"), std::string::npos)
      << result.device_message;
}

TEST_F(RealPeers, RawSinkReceivesIdenticalBytes) {
  const std::uint64_t before = raw_->received().size();
  const SendResult result = send_pdf(raw_->uri(), pdf_options());
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_TRUE(raw_->received().substr(before) == expected_)
      << "the bytes that arrived differ from what was sent";
}

TEST_F(RealPeers, RawSinkReceivesPjlWrappedJob) {
  const std::uint64_t before = raw_->received().size();
  SendOptions options = pdf_options();
  options.pjl_wrap = true;
  ASSERT_TRUE(send_pdf(raw_->uri(), options).delivered());
  EXPECT_TRUE(raw_->received().substr(before) ==
              pjl_job_header(kUuid, "alice", "Test page") + expected_ + pjl_job_footer(kUuid))
      << "the bytes that arrived differ from what was sent";
}

}  // namespace
}  // namespace printline::transport
