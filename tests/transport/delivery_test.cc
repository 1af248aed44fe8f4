// What arrives at the printer when it takes the job: bytes, PJL wrapping, LPD control file.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "support/pattern_document.h"
#include "support/printer_simulator.h"
#include "transport/pjl.h"
#include "transport/print_transport.h"
#include "transport/transport_registry.h"

namespace printline::transport {
namespace {

using printline::testing::FailingDocument;
using printline::testing::pattern_bytes;
using printline::testing::PatternDocument;
using printline::testing::PrinterSimulator;
using printline::testing::SimulatedFault;

constexpr const char* kUuid = "1b4e28ba-2fa1-4d2b-a3f6-0123456789ab";

SendOptions job_options() {
  SendOptions options;
  options.job_uuid = kUuid;
  options.user = "alice";
  options.title = "Quarterly report";
  options.io_timeout = std::chrono::milliseconds(2000);
  return options;
}

TEST(Delivery, RawBytesArriveUnchanged) {
  PrinterSimulator printer({});
  PatternDocument document(300000);
  const SendResult result = send_document(printer.uri("socket"), document, job_options());
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_EQ(result.bytes_sent, 300000u);
  EXPECT_TRUE(printer.received() == pattern_bytes(300000))
      << "the bytes that arrived differ from what was sent";
}

TEST(Delivery, RawPjlWrapCarriesUuidAndUser) {
  PrinterSimulator printer({});
  PatternDocument document(1000);
  SendOptions options = job_options();
  options.pjl_wrap = true;
  ASSERT_TRUE(send_document(printer.uri("socket"), document, options).delivered());
  const std::string expected = pjl_job_header(kUuid, "alice", "Quarterly report") +
                               pattern_bytes(1000) + pjl_job_footer(kUuid);
  EXPECT_TRUE(printer.received() == expected) << "the bytes that arrived differ from what was sent";
  EXPECT_NE(printer.received().find("@PJL JOB NAME=\"1b4e28ba-2fa1-4d2b-a3f6-0123456789ab\""),
            std::string::npos);
}

TEST(Delivery, LpdControlFileAndDataFile) {
  PrinterSimulator printer({.fault = SimulatedFault::kLpd});
  PatternDocument document(70000);
  SendOptions options = job_options();
  options.ticket.copies = 2;
  const SendResult result = send_document(printer.uri("lpd"), document, options);
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_TRUE(printer.received() == pattern_bytes(70000))
      << "the bytes that arrived differ from what was sent";
  const std::string control = printer.control_file();
  EXPECT_EQ(control.front(), 'H');
  EXPECT_NE(control.find("\nPalice\n"), std::string::npos) << control;
  EXPECT_NE(control.find("\nJQuarterly report\n"), std::string::npos) << control;
  EXPECT_NE(control.find("\nNQuarterly report\n"), std::string::npos) << control;
  // One l line per copy.
  const auto first = control.find("\nldfA");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(control.find("\nldfA", first + 1), std::string::npos);
}

TEST(Delivery, LpdStreamOfUnknownSizeIsSpooledFirst) {
  PrinterSimulator printer({.fault = SimulatedFault::kLpd});
  PatternDocument document(500000, /*announce_size=*/false);
  SendOptions options = job_options();
  options.pjl_wrap = true;
  ASSERT_TRUE(send_document(printer.uri("lpd"), document, options).delivered());
  EXPECT_TRUE(printer.received() == pjl_job_header(kUuid, "alice", "Quarterly report") +
                                        pattern_bytes(500000) + pjl_job_footer(kUuid))
      << "the bytes that arrived differ from what was sent";
}

TEST(Delivery, DocumentFromAPipe) {
  PrinterSimulator printer({});
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string content = pattern_bytes(200000);
  std::thread writer([&] {
    ASSERT_EQ(::write(fds[1], content.data(), content.size()),
              static_cast<ssize_t>(content.size()));
    ::close(fds[1]);
  });
  auto document = document_from_fd(fds[0]);
  EXPECT_FALSE(document->size().has_value());
  const SendResult result = send_document(printer.uri("socket"), *document, job_options());
  writer.join();
  ::close(fds[0]);
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_TRUE(printer.received() == content) << "the bytes that arrived differ from what was sent";
}

TEST(Delivery, OverIpv6Loopback) {
  int listener = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  socklen_t length = sizeof address;
  if (listener < 0 ||
      ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    if (listener >= 0) ::close(listener);
    GTEST_SKIP() << "no IPv6 loopback here";
  }
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  ::listen(listener, 1);
  std::string received;
  std::thread reader([&] {
    int fd = ::accept(listener, nullptr, nullptr);
    char buffer[4096];
    for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
      received.append(buffer, got);
    ::close(fd);
  });
  PatternDocument document(100000);
  const std::string uri = "socket://[::1]:" + std::to_string(ntohs(address.sin6_port));
  const SendResult result = send_document(uri, document, job_options());
  reader.join();
  ::close(listener);
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_TRUE(received == pattern_bytes(100000));
}

TEST(Delivery, StreamsInFixedSizeChunksWithFlatMemory) {
  PrinterSimulator printer({});
  constexpr std::uint64_t kSize = 64ull * 1024 * 1024;
  PatternDocument document(kSize);
  const SendResult result = send_document(printer.uri("socket"), document, job_options());
  ASSERT_TRUE(result.delivered()) << result.message;
  EXPECT_EQ(result.bytes_sent, kSize);
  // Every read asks for at most one chunk, and the document is read piece by piece.
  EXPECT_LE(document.largest_read(), 128u * 1024);
  EXPECT_GE(document.reads(), kSize / (128 * 1024));
}

TEST(Delivery, ConcurrentSendsFromSeveralThreads) {
  PrinterSimulator raw({});
  PrinterSimulator lpd({.fault = SimulatedFault::kLpd});
  PrinterSimulator ipp({.fault = SimulatedFault::kIppStatus, .ipp_status = IPP_STATUS_OK});
  const std::vector<std::string> uris = {raw.uri("socket"), lpd.uri("lpd"), ipp.uri("ipp")};
  std::vector<SendResult> results(uris.size());
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i < uris.size(); ++i) {
    senders.emplace_back([&, i] {
      PatternDocument document(2 * 1024 * 1024);
      results[i] = send_document(uris[i], document, job_options());
    });
  }
  for (auto& sender : senders) sender.join();
  for (std::size_t i = 0; i < uris.size(); ++i) {
    EXPECT_TRUE(results[i].delivered()) << uris[i] << ": " << results[i].message;
  }
  EXPECT_TRUE(lpd.received() == pattern_bytes(2 * 1024 * 1024));
  EXPECT_EQ(ipp.bytes_received(), 2u * 1024 * 1024);
}

TEST(InvalidRequest, BadUriUnknownSchemeMissingQueue) {
  PatternDocument document(10);
  SendOptions options = job_options();
  for (const char* uri : {"not a uri", "usb://printer/1", "lpd://127.0.0.1:1"}) {
    const SendResult result = send_document(uri, document, options);
    EXPECT_EQ(result.outcome, Outcome::kInvalidRequest) << uri;
    EXPECT_NE(result.message.find(uri), std::string::npos) << result.message;
  }
  options.ticket.copies = 0;
  EXPECT_EQ(send_document("socket://127.0.0.1:1", document, options).outcome,
            Outcome::kInvalidRequest);
}

TEST(InvalidRequest, UnreadableDocument) {
  EXPECT_FALSE(open_document_file("/nonexistent/printline.pdf").ok());
  EXPECT_FALSE(open_document_file("/tmp").ok());
  PrinterSimulator printer({});
  FailingDocument document;
  const SendResult result = send_document(printer.uri("socket"), document, job_options());
  EXPECT_EQ(result.outcome, Outcome::kInvalidRequest);
  EXPECT_NE(result.message.find("Input/output error"), std::string::npos) << result.message;
}

TEST(Registry, ExtraSchemesPlugIn) {
  struct Recorder : PrintTransport {
    SendResult send(const DeviceUri& uri, DocumentSource&, const SendOptions&) const override {
      SendResult result;
      result.outcome = Outcome::kDelivered;
      result.message = "recorded " + uri.host;
      return result;
    }
  };
  register_transport("record", std::make_shared<Recorder>());
  PatternDocument document(10);
  const SendResult result = send_document("record://here:1", document, job_options());
  EXPECT_TRUE(result.delivered());
  EXPECT_EQ(result.message, "recorded here");
  EXPECT_NE(transport_for_scheme("socket"), nullptr);
}

}  // namespace
}  // namespace printline::transport
