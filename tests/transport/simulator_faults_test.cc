// Every fault of the printer simulator ends in its outcome, within the configured time.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/pattern_document.h"
#include "support/printer_simulator.h"
#include "transport/outcome_message.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

using printline::testing::LpdStage;
using printline::testing::pattern_bytes;
using printline::testing::PatternDocument;
using printline::testing::PrinterSimulator;
using printline::testing::SimulatedFault;
using std::chrono::milliseconds;

SendOptions quick_options() {
  SendOptions options;
  options.user = "alice";
  options.title = "Quarterly report";
  options.connect_timeout = milliseconds(1000);
  options.io_timeout = milliseconds(500);
  return options;
}

TEST(SimulatorFaults, RefusedConnectionIsUnreachableForEveryScheme) {
  PrinterSimulator printer({.fault = SimulatedFault::kRefuse});
  for (const char* scheme : {"socket", "lpd", "ipp"}) {
    PatternDocument document(1000);
    const SendResult result = send_document(printer.uri(scheme), document, quick_options());
    EXPECT_EQ(result.outcome, Outcome::kUnreachable) << scheme << ": " << result.message;
    EXPECT_LT(result.elapsed, milliseconds(1000));
    EXPECT_NE(result.message.find(printer.uri(scheme)), std::string::npos);
    EXPECT_NE(result.message.find("Connection refused"), std::string::npos) << result.message;
  }
}

TEST(SimulatorFaults, ResetMidJobIsRejectedByDevice) {
  PrinterSimulator printer({.fault = SimulatedFault::kResetMidJob, .fault_after_bytes = 100000});
  PatternDocument document(32 * 1024 * 1024);
  const SendResult result = send_document(printer.uri("socket"), document, quick_options());
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_NE(result.message.find(rejection_cause()), std::string::npos);
  EXPECT_LT(result.bytes_sent, 32u * 1024 * 1024);
}

TEST(SimulatorFaults, HangMidJobTimesOutWithinTheIoTimeout) {
  PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
  PatternDocument document(256 * 1024 * 1024);
  const SendResult result = send_document(printer.uri("socket"), document, quick_options());
  EXPECT_EQ(result.outcome, Outcome::kTimedOut) << result.message;
  EXPECT_GE(result.elapsed, milliseconds(450));
  EXPECT_LT(result.elapsed, milliseconds(2000));
  EXPECT_NE(result.message.find("500 ms"), std::string::npos) << result.message;
}

TEST(SimulatorFaults, SlowReaderThatKeepsReadingIsDelivered) {
  PrinterSimulator printer(
      {.fault = SimulatedFault::kSlowReader, .slow_bytes_per_second = 2 * 1024 * 1024});
  PatternDocument document(1024 * 1024);
  const SendResult result = send_document(printer.uri("socket"), document, quick_options());
  EXPECT_EQ(result.outcome, Outcome::kDelivered) << result.message;
  EXPECT_EQ(result.bytes_sent, 1024u * 1024);
  // The last bytes may still sit in socket buffers when the send returns; let it read them.
  for (int i = 0; i < 300 && printer.bytes_received() < 1024 * 1024; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(printer.received() == pattern_bytes(1024 * 1024))
      << "the bytes that arrived differ from what was sent";
}

TEST(SimulatorFaults, IppPrinterThatStopsAnsweringTimesOut) {
  PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
  for (IppOperations operations : {IppOperations::kAuto, IppOperations::kPrintJob}) {
    PatternDocument document(64 * 1024 * 1024);
    SendOptions options = quick_options();
    options.ipp_operations = operations;
    const SendResult result = send_document(printer.uri("ipp"), document, options);
    EXPECT_EQ(result.outcome, Outcome::kTimedOut) << result.message;
    // io_timeout, plus up to 1 s that libcups waits for a "100 Continue" that never comes.
    EXPECT_LT(result.elapsed, milliseconds(2000));
  }
}

TEST(SimulatorFaults, IppConnectionResetMidJobIsRejectedByDevice) {
  PrinterSimulator printer({.fault = SimulatedFault::kResetMidJob, .fault_after_bytes = 100000});
  PatternDocument document(32 * 1024 * 1024);
  SendOptions options = quick_options();
  options.ipp_operations = IppOperations::kPrintJob;
  const SendResult result = send_document(printer.uri("ipp"), document, options);
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_LT(result.elapsed, milliseconds(2000));
}

TEST(SimulatorFaults, LpdServerThatNeverAcknowledgesTimesOut) {
  PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
  PatternDocument document(1000);
  const SendResult result = send_document(printer.uri("lpd"), document, quick_options());
  EXPECT_EQ(result.outcome, Outcome::kTimedOut) << result.message;
  EXPECT_GE(result.elapsed, milliseconds(450));
  EXPECT_LT(result.elapsed, milliseconds(2000));
}

class LpdRefusal : public ::testing::TestWithParam<LpdStage> {};

TEST_P(LpdRefusal, NegativeAcknowledgementIsRejectedWithTheServersWords) {
  PrinterSimulator printer({.fault = SimulatedFault::kLpd,
                            .lpd_refuse_at = GetParam(),
                            .message = "Queue disabled by the administrator"});
  PatternDocument document(5000);
  const SendResult result = send_document(printer.uri("lpd"), document, quick_options());
  EXPECT_EQ(result.outcome, Outcome::kRejectedByDevice) << result.message;
  EXPECT_EQ(result.device_message, "Queue disabled by the administrator");
  EXPECT_NE(result.message.find(rejection_cause()), std::string::npos);
  EXPECT_LT(result.elapsed, milliseconds(1500));
}

INSTANTIATE_TEST_SUITE_P(EveryStage, LpdRefusal,
                         ::testing::Values(LpdStage::kReceiveJob, LpdStage::kControlFile,
                                           LpdStage::kDataFile));

struct IppCase {
  ipp_status_t status;
  Outcome outcome;
};

class IppStatusOutcome : public ::testing::TestWithParam<IppCase> {};

TEST_P(IppStatusOutcome, PrinterStatusIsClassified) {
  PrinterSimulator printer({.fault = SimulatedFault::kIppStatus,
                            .ipp_status = GetParam().status,
                            .message = "Words of the printer"});
  PatternDocument document(20000);
  SendOptions options = quick_options();
  options.document_format = "application/pdf";
  const SendResult result = send_document(printer.uri("ipp"), document, options);
  EXPECT_EQ(result.outcome, GetParam().outcome)
      << ippErrorString(GetParam().status) << ": " << result.message;
  EXPECT_EQ(result.device_message, "Words of the printer");
  EXPECT_NE(result.message.find(printer.uri("ipp")), std::string::npos);
  EXPECT_LT(result.elapsed, milliseconds(3000));
}

INSTANTIATE_TEST_SUITE_P(
    CupsBackendRules, IppStatusOutcome,
    ::testing::Values(IppCase{IPP_STATUS_ERROR_NOT_AUTHORIZED, Outcome::kRejectedByDevice},
                      IppCase{IPP_STATUS_ERROR_FORBIDDEN, Outcome::kRejectedByDevice},
                      IppCase{IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS, Outcome::kRejectedByDevice},
                      IppCase{IPP_STATUS_ERROR_BUSY, Outcome::kBusy},
                      IppCase{IPP_STATUS_ERROR_NOT_AUTHENTICATED, Outcome::kAuthenticationRequired},
                      IppCase{IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
                              Outcome::kFormatNotSupported}));

TEST(SimulatorFaults, IppRejectionCarriesTheCause) {
  PrinterSimulator printer({.fault = SimulatedFault::kIppStatus,
                            .ipp_status = IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS,
                            .message = "Only jobs from the accounting server"});
  PatternDocument document(100);
  const SendResult result = send_document(printer.uri("ipp"), document, quick_options());
  EXPECT_NE(result.message.find("\"Only jobs from the accounting server\""), std::string::npos);
  EXPECT_NE(result.message.find(rejection_cause()), std::string::npos);
}

TEST(SimulatorFaults, AnIppAnswerLargerThanTheBoundIsRefusedWhileItIsRead) {
  // D13: 20 MiB of attributes in chunks (no length to refuse up front): the client stops
  // reading at 16 MiB and says so.
  PrinterSimulator printer({.fault = SimulatedFault::kIppOversizedAnswer});
  PatternDocument document(100);
  const SendResult result = send_document(printer.uri("ipp"), document, quick_options());
  EXPECT_FALSE(result.delivered());
  EXPECT_NE(result.message.find("answered with more than 16 MiB: refused"), std::string::npos)
      << result.message;
}

}  // namespace
}  // namespace printline::transport
