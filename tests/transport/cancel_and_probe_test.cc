// Cancellation from another thread, connect time-outs, and probing a printer's port.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>
#include <vector>

#include "support/pattern_document.h"
#include "support/printer_simulator.h"
#include "transport/print_transport.h"

namespace printline::transport {
namespace {

using printline::testing::PatternDocument;
using printline::testing::PrinterSimulator;
using printline::testing::SimulatedFault;
using std::chrono::milliseconds;

// A loopback listener whose accept queue is full: further SYNs are dropped, so a connect to it
// waits for its time-out, like a printer that is switched off behind a router.
class SilentListener {
 public:
  SilentListener() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    ::listen(listener_, 0);
    port_ = ntohs(address.sin_port);
    for (int i = 0; i < 4; ++i) {  // fill the accept queue
      int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
      fillers_.push_back(fd);
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
  ~SilentListener() {
    for (int fd : fillers_) ::close(fd);
    ::close(listener_);
  }
  std::string uri() const { return "socket://127.0.0.1:" + std::to_string(port_); }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::vector<int> fillers_;
};

TEST(Cancel, FromAnotherThreadStopsAHangingSendPromptly) {
  PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
  PatternDocument document(256 * 1024 * 1024);
  CancelFlag cancel;
  SendOptions options;
  options.io_timeout = milliseconds(30000);
  options.cancel = &cancel;
  auto sending = std::async(
      std::launch::async, [&] { return send_document(printer.uri("socket"), document, options); });
  std::this_thread::sleep_for(milliseconds(300));
  const auto cancelled_at = std::chrono::steady_clock::now();
  cancel.cancel();
  const SendResult result = sending.get();
  const auto reaction = std::chrono::steady_clock::now() - cancelled_at;
  EXPECT_EQ(result.outcome, Outcome::kCancelled) << result.message;
  EXPECT_LT(reaction, milliseconds(300));
  EXPECT_GT(result.bytes_sent, 0u);
}

TEST(Cancel, IppSendStopsPromptly) {
  PrinterSimulator printer({.fault = SimulatedFault::kHangMidJob});
  PatternDocument document(256 * 1024 * 1024);
  CancelFlag cancel;
  SendOptions options;
  options.io_timeout = milliseconds(30000);
  options.cancel = &cancel;
  options.ipp_operations = IppOperations::kPrintJob;
  auto sending = std::async(std::launch::async,
                            [&] { return send_document(printer.uri("ipp"), document, options); });
  // libcups first waits up to 1 s for "100 Continue", which the simulator never sends; that
  // wait cannot be interrupted. Cancel once the document is flowing.
  std::this_thread::sleep_for(milliseconds(1300));
  const auto cancelled_at = std::chrono::steady_clock::now();
  cancel.cancel();
  const SendResult result = sending.get();
  EXPECT_EQ(result.outcome, Outcome::kCancelled) << result.message;
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, milliseconds(300));
}

TEST(Cancel, AlreadyCancelledSendsNothing) {
  PrinterSimulator printer({});
  PatternDocument document(1000);
  CancelFlag cancel;
  cancel.cancel();
  SendOptions options;
  options.cancel = &cancel;
  EXPECT_EQ(send_document(printer.uri("socket"), document, options).outcome, Outcome::kCancelled);
  cancel.reset();
  EXPECT_FALSE(cancel.cancelled());
}

TEST(Cancel, WhileConnectingToASilentPrinter) {
  SilentListener silent;
  PatternDocument document(1000);
  CancelFlag cancel;
  SendOptions options;
  options.connect_timeout = milliseconds(10000);
  options.cancel = &cancel;
  auto sending = std::async(std::launch::async,
                            [&] { return send_document(silent.uri(), document, options); });
  std::this_thread::sleep_for(milliseconds(200));
  cancel.cancel();
  const SendResult result = sending.get();
  EXPECT_EQ(result.outcome, Outcome::kCancelled) << result.message;
  EXPECT_LT(result.elapsed, milliseconds(600));
}

TEST(ConnectTimeout, SilentPrinterIsUnreachableAfterTheConnectTimeout) {
  SilentListener silent;
  PatternDocument document(1000);
  SendOptions options;
  options.connect_timeout = milliseconds(400);
  const SendResult result = send_document(silent.uri(), document, options);
  EXPECT_EQ(result.outcome, Outcome::kUnreachable) << result.message;
  EXPECT_GE(result.elapsed, milliseconds(350));
  EXPECT_LT(result.elapsed, milliseconds(1500));
}

TEST(Probe, ReachablePrinterAnswersInMilliseconds) {
  PrinterSimulator printer({});
  const ProbeResult result = probe(printer.uri("socket"), milliseconds(1000));
  EXPECT_TRUE(result.reachable) << result.message;
  EXPECT_LT(result.elapsed, milliseconds(500));
  EXPECT_NE(result.message.find(printer.uri("socket")), std::string::npos);
}

TEST(Probe, ClosedPortIsUnreachable) {
  PrinterSimulator printer({.fault = SimulatedFault::kRefuse});
  const ProbeResult result = probe(printer.uri("ipp"), milliseconds(1000));
  EXPECT_FALSE(result.reachable);
  EXPECT_NE(result.message.find("cannot be reached"), std::string::npos) << result.message;
}

TEST(Probe, SilentPrinterIsUnreachableWithinTheTimeout) {
  SilentListener silent;
  const ProbeResult result = probe(silent.uri(), milliseconds(300));
  EXPECT_FALSE(result.reachable);
  EXPECT_LT(result.elapsed, milliseconds(1000));
}

TEST(Probe, BadUri) {
  const ProbeResult result = probe("nonsense", milliseconds(100));
  EXPECT_FALSE(result.reachable);
  EXPECT_FALSE(result.message.empty());
}

}  // namespace
}  // namespace printline::transport
