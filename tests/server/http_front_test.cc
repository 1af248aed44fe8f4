// The HTTP front of a real printline-server process under the hostile requests of
// docs/server.md ("HTTP front and its limits"): each is answered with its status, the
// server's peak memory (VmHWM) stays within a bound, and a well-behaved client is served
// meanwhile. Also 2,000 keep-alive connections at once, all answered.

#include <cups/ipp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/raw_connection.h"
#include "ipp/ipp_message.h"
#include "server/server_process.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t kMiB = 1 << 20;

// A printline-server process on a free port, with short timeouts so that the tests wait
// little.
class FrontServer {
 public:
  FrontServer() : dir_("printline-http-front") {
    std::ofstream(dir_ / "admin-password") << "admin-password-for-tests\n";
    const nlohmann::json config = {
        {"admin_password_file", (dir_ / "admin-password").string()},
        {"max_upload_bytes", 64 * kMiB},
        {"http_header_timeout_ms", 2000},
        {"http_body_timeout_ms", 2000},
        {"http_connections_per_address", 5000},
    };
    std::ofstream(dir_ / "server.json") << config.dump();
    process_ = std::make_unique<ServerProcess>(
        PRINTLINE_SERVER_BINARY, dir_ / "data", dir_ / "server.log",
        std::vector<std::string>{"--config", (dir_ / "server.json").string()});
  }

  int port() const { return process_->port(); }
  pid_t pid() const { return process_->pid(); }
  std::filesystem::path spool() const { return dir_ / "data" / "spool"; }

  // Peak resident memory of the process so far, in bytes.
  std::uint64_t peak_memory() const {
    std::ifstream status("/proc/" + std::to_string(pid()) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    }
    return 0;
  }

 private:
  TempDir dir_;
  std::unique_ptr<ServerProcess> process_;
};

class HttpFrontTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new FrontServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    expect_served();  // also warms the server up before its peak memory is taken
    // The peak so far includes the start (the administrator's Argon2id hash alone takes
    // 64 MiB): start counting from the resident size now (Linux: "5" resets VmHWM).
    std::ofstream("/proc/" + std::to_string(server_->pid()) + "/clear_refs") << "5";
    peak_before_ = server_->peak_memory();
  }

  // The server's peak memory grew by less than `bound` during the test.
  void expect_memory_within(std::uint64_t bound) {
    const std::uint64_t peak = server_->peak_memory();
    std::printf("[memory] server VmHWM %.1f MiB before, %.1f MiB after\n",
                static_cast<double>(peak_before_) / kMiB, static_cast<double>(peak) / kMiB);
    EXPECT_LT(peak, peak_before_ + bound)
        << "VmHWM went from " << peak_before_ / kMiB << " MiB to " << peak / kMiB << " MiB";
  }

  // A well-behaved client is answered, and quickly.
  static void expect_served() {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    const auto started = std::chrono::steady_clock::now();
    auto reply = client.Get("/health");
    ASSERT_TRUE(reply) << "GET /health got no answer";
    EXPECT_EQ(reply->status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  }

  static FrontServer* server_;
  std::uint64_t peak_before_ = 0;
};

FrontServer* HttpFrontTest::server_ = nullptr;

TEST_F(HttpFrontTest, SlowHeaderTricklersAreClosedAndOthersServed) {
  std::vector<std::unique_ptr<RawConnection>> tricklers;
  for (int i = 0; i < 100; ++i) {
    tricklers.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(tricklers.back()->send("GET /health HTTP/1.1\r\n"));
  }
  const auto started = std::chrono::steady_clock::now();
  std::size_t open = tricklers.size();
  for (int round = 0; round < 60 && open > 0; ++round) {
    open = 0;
    for (auto& trickler : tricklers) {
      if (trickler->send("X-Slow: a\r\n") && !trickler->closed_within(1ms)) ++open;
    }
    if (round % 5 == 0) expect_served();
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(open, 0u) << "tricklers still open after " << (std::chrono::steady_clock::now() - started) / 1s << " s";
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);  // header deadline: 2 s
  expect_memory_within(16 * kMiB);
}

TEST_F(HttpFrontTest, SlowBodyIsClosed) {
  RawConnection slow(server_->port());
  ASSERT_TRUE(slow.send("POST /web/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 1000\r\n\r\n{\"lo"));
  expect_served();
  EXPECT_TRUE(slow.closed_within(10s));
  expect_memory_within(16 * kMiB);
}

TEST_F(HttpFrontTest, EndlessChunkedBodyIs413AtTheRouteLimit) {
  RawConnection endless(server_->port());
  ASSERT_TRUE(endless.send("POST /web/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "100000\r\n" + std::string(kMiB, 'x') + "\r\n";
  std::uint64_t sent = 0;
  while (sent < 256 * kMiB && endless.send(chunk)) {
    sent += kMiB;
    if (sent == 4 * kMiB) expect_served();
  }
  endless.closed_within(10s);
  EXPECT_EQ(status_of(endless.received()), 413) << endless.received().substr(0, 300);
  EXPECT_LT(sent, 64 * kMiB) << "the server read far past the 8 MiB limit";
  expect_served();
  expect_memory_within(48 * kMiB);
}

TEST_F(HttpFrontTest, HugeDeclaredLengthIs413AtOnce) {
  RawConnection huge(server_->port());
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(huge.send("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 2147483648\r\n\r\n"));
  const std::string answer = huge.read_response(5s);
  EXPECT_EQ(status_of(answer), 413) << answer;
  EXPECT_NE(answer.find("\"too-large\""), std::string::npos) << answer;
  EXPECT_EQ(header_of(answer, "Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  expect_served();
  expect_memory_within(16 * kMiB);
}

TEST_F(HttpFrontTest, TooManyHeadersIs431) {
  RawConnection many(server_->port());
  ASSERT_TRUE(many.send("GET /health HTTP/1.1\r\nHost: x\r\n"));
  // As many as it takes (the attack in issue 11 sent two million).
  for (int i = 0; i < 2'000'000 && many.send("X-" + std::to_string(i) + ": v\r\n"); ++i) {
    if (i == 1000) expect_served();
  }
  many.closed_within(5s);
  EXPECT_EQ(status_of(many.received()), 431) << many.received().substr(0, 300);
  expect_served();
  expect_memory_within(16 * kMiB);
}

TEST_F(HttpFrontTest, HeaderLineTooLongIs431) {
  RawConnection longer(server_->port());
  ASSERT_TRUE(longer.send("GET /health HTTP/1.1\r\nX-Long: " + std::string(9000, 'a') + "\r\n\r\n"));
  const std::string answer = longer.read_response(5s);
  EXPECT_EQ(status_of(answer), 431) << answer;
  expect_served();
  expect_memory_within(16 * kMiB);
}

// The IPP message of a Print-Job without credentials.
std::string print_job_message(int port) {
  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(port) + "/ipp/print/main";
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, "mallory");
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               "application/octet-stream");
  std::string bytes = ipp::encode_ipp(request);
  ippDelete(request);
  return bytes;
}

std::size_t files_under(const std::filesystem::path& dir) {
  std::size_t count = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file()) ++count;
  }
  return count;
}

TEST_F(HttpFrontTest, UnauthenticatedPrintJobIs401BeforeItsDocumentIsStored) {
  const std::size_t spooled_before = files_under(server_->spool());
  RawConnection anonymous(server_->port());
  const std::string message = print_job_message(server_->port());
  const std::uint64_t document = 48 * kMiB;
  ASSERT_TRUE(anonymous.send("POST /ipp/print/main HTTP/1.1\r\nHost: x\r\nContent-Type: application/ipp\r\n"
                             "Content-Length: " + std::to_string(message.size() + document) + "\r\n\r\n" +
                             message));
  const std::string piece(256 * 1024, '%');
  std::uint64_t sent = 0;
  while (sent < document && anonymous.send(piece)) sent += piece.size();
  anonymous.closed_within(10s);
  const std::string answer = anonymous.received();
  EXPECT_EQ(status_of(answer), 401) << answer.substr(0, 300);
  EXPECT_NE(header_of(answer, "WWW-Authenticate"), "");
  EXPECT_EQ(header_of(answer, "Content-Type"), "application/ipp");
  EXPECT_EQ(files_under(server_->spool()), spooled_before) << "the refused document reached the spool";
  expect_served();
  expect_memory_within(16 * kMiB);
}

TEST_F(HttpFrontTest, AnonymousGetPrinterAttributesStillAnswers) {
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  const std::string uri = "ipp://127.0.0.1:" + std::to_string(server_->port()) + "/ipp/print/main";
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  const std::string bytes = ipp::encode_ipp(request);
  ippDelete(request);
  httplib::Client client("127.0.0.1", server_->port());
  auto reply = client.Post("/ipp/print/main", bytes, "application/ipp");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);  // an IPP answer (no queue "main": client-error-not-found)
  EXPECT_EQ(reply->get_header_value("Content-Type"), "application/ipp");
}

TEST_F(HttpFrontTest, TwoThousandKeepAliveConnectionsAreAllAnswered) {
  constexpr int kConnections = 2000;
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < kConnections + 256) {
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, kConnections + 256);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  }
  ASSERT_GE(limit.rlim_cur, static_cast<rlim_t>(kConnections + 64))
      << "this test needs " << kConnections + 64 << " open files; the hard limit is " << limit.rlim_max;
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < kConnections; ++i) {
    connections.push_back(std::make_unique<RawConnection>(server_->port()));
  }
  // Two rounds on the same connections: each is kept alive between them.
  for (int round = 0; round < 2; ++round) {
    for (auto& connection : connections) {
      ASSERT_TRUE(connection->send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
    int answered = 0;
    for (auto& connection : connections) {
      const std::string answer = connection->read_response(30s);
      if (status_of(answer) == 200 && header_of(answer, "Connection") != "close") ++answered;
    }
    EXPECT_EQ(answered, kConnections) << "round " << round;
  }
  expect_served();
  expect_memory_within(32 * kMiB);  // measured: about 8 MiB, 4 KiB a connection
}

}  // namespace
}  // namespace printline::testing
