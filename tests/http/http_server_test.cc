// A real http::Server on loopback, in this process, answering the hostile requests of
// docs/server.md ("HTTP limits") with their statuses while a well-behaved client is served.
// The same limits against a printline-server process, with its memory measured, are in
// tests/server/http_front_test.cc.

#include "http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "raw_connection.h"

namespace printline::http {
namespace {

using namespace std::chrono_literals;
using testing::header_of;
using testing::RawConnection;
using testing::status_of;

class CountingSink : public BodySink {
 public:
  explicit CountingSink(std::atomic<std::uint64_t>& total) : total_(total) {}
  std::optional<Response> write(const char*, std::size_t size) override {
    total_ += size;
    return std::nullopt;
  }

 private:
  std::atomic<std::uint64_t>& total_;
};

class HttpServerTest : public ::testing::Test {
 protected:
  void start(HttpLimits limits, int workers = 4, std::size_t queue = 64) {
    RouteTable routes;
    routes.add("GET", "/ok", RouteClass::none(), [](Request& request, Response& response) {
      response.set_content("ok " + request.get_param_value("q"), "text/plain");
    });
    routes.add("GET", "/api/thing", RouteClass::none(),
               [](Request&, Response& response) { response.set_content("{}", "application/json"); });
    routes.add("POST", "/json", RouteClass::json(), [](Request& request, Response& response) {
      response.set_content(std::to_string(request.body.size()), "text/plain");
    });
    routes.add("GET", "/slow", RouteClass::none(), [this](Request&, Response& response) {
      entered_ = true;
      while (!release_) std::this_thread::sleep_for(5ms);
      response.set_content("slow", "text/plain");
    });
    Route stream;
    stream.method = "POST";
    stream.pattern = "/stream";
    stream.body = RouteClass::stream(1 << 20);
    stream.authorizer = [](Request& request) -> std::optional<Response> {
      if (request.get_header_value("X-Key") == "yes") return std::nullopt;
      Response refused = text_response(401, "Give the key.");
      refused.set_header("WWW-Authenticate", "Basic realm=\"test\"");
      return refused;
    };
    stream.sink = [this](Request&) { return std::make_shared<CountingSink>(streamed_); };
    stream.handler = [this](Request&, Response& response) {
      response.set_content(std::to_string(streamed_.load()), "text/plain");
    };
    routes.add(std::move(stream));
    ServerOptions options;
    options.limits = limits;
    options.worker_threads = workers;
    options.worker_queue = queue;
    auto server = Server::create(options, std::move(routes));
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
    auto port = server_->bind();
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = *port;
    serving_ = std::thread([this] { server_->serve(); });
  }

  void TearDown() override {
    release_ = true;
    if (server_) server_->stop();
    if (serving_.joinable()) serving_.join();
  }

  // A well-behaved client: answered, and quickly.
  void expect_served() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(5, 0);
    const auto started = std::chrono::steady_clock::now();
    auto reply = client.Get("/ok?q=fine");
    ASSERT_TRUE(reply) << "the normal client got no answer";
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, "ok fine");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  }

  static HttpLimits quick_limits() {
    HttpLimits limits;
    limits.header_timeout = 1500ms;
    limits.body_timeout = 1500ms;
    limits.idle_timeout = 3000ms;
    return limits;
  }

  std::unique_ptr<Server> server_;
  std::thread serving_;
  int port_ = 0;
  std::atomic<bool> release_{false};
  std::atomic<bool> entered_{false};
  std::atomic<std::uint64_t> streamed_{0};
};

TEST_F(HttpServerTest, AnswersWithSecurityHeadersAndKeepsTheConnection) {
  start(quick_limits());
  RawConnection connection(port_);
  ASSERT_TRUE(connection.send("GET /ok?q=a%20b HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string first = connection.read_response(5s);
  EXPECT_EQ(status_of(first), 200) << first;
  EXPECT_EQ(header_of(first, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header_of(first, "Content-Security-Policy"), "");
  EXPECT_NE(first.find("ok a b"), std::string::npos);
  ASSERT_TRUE(connection.send("GET /api/thing HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::string second = connection.read_response(5s);
  EXPECT_EQ(status_of(second), 200) << second;
  EXPECT_EQ(header_of(second, "Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'");
  ASSERT_TRUE(connection.send("HEAD /ok HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(status_of(connection.read_response(5s)), 200);
}

TEST_F(HttpServerTest, UnknownPathIs404AndWrongMethodIs405) {
  start(quick_limits());
  httplib::Client client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/nothing")->status, 404);
  EXPECT_EQ(client.Delete("/ok")->status, 405);
}

TEST_F(HttpServerTest, SlowHeaderTrickleIsClosedAtItsDeadline) {
  start(quick_limits());
  RawConnection trickler(port_);
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(trickler.send("GET /ok HTTP/1.1\r\n"));
  bool closed = false;
  for (int i = 0; i < 40 && !closed; ++i) {
    if (!trickler.send("X-A: b\r\n")) {
      closed = true;
      break;
    }
    closed = trickler.closed_within(200ms);
    if (i == 2) expect_served();
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(trickler.received(), "") << "a request whose header never ended was answered";
}

TEST_F(HttpServerTest, SlowBodyIsClosed) {
  start(quick_limits());
  RawConnection slow(port_);
  ASSERT_TRUE(slow.send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
  expect_served();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow.closed_within(10s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST_F(HttpServerTest, EndlessChunkedBodyIsRefusedAtTheRouteLimit) {
  start(quick_limits());
  RawConnection endless(port_);
  ASSERT_TRUE(endless.send("POST /json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  std::uint64_t sent = 0;
  while (sent < (64u << 20) && endless.send(chunk)) sent += 0x10000;
  endless.closed_within(10s);
  EXPECT_EQ(status_of(endless.received()), 413) << endless.received().substr(0, 200);
  EXPECT_LT(sent, 32u << 20) << "the server kept reading far past the 8 MiB limit";
  expect_served();
}

TEST_F(HttpServerTest, HugeDeclaredLengthIs413AtOnce) {
  start(quick_limits());
  RawConnection huge(port_);
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(huge.send("POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 2147483648\r\n\r\n"));
  const std::string answer = huge.read_response(5s);
  EXPECT_EQ(status_of(answer), 413) << answer;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  expect_served();
}

TEST_F(HttpServerTest, TooManyHeadersAndLongHeaderLinesAre431) {
  start(quick_limits());
  {
    RawConnection many(port_);
    std::string request = "GET /ok HTTP/1.1\r\n";
    for (int i = 0; i < 150; ++i) request += "X-" + std::to_string(i) + ": v\r\n";
    ASSERT_TRUE(many.send(request + "\r\n"));
    const std::string answer = many.read_response(5s);
    EXPECT_EQ(status_of(answer), 431) << answer;
  }
  {
    RawConnection longer(port_);
    ASSERT_TRUE(longer.send("GET /ok HTTP/1.1\r\nX-Long: " + std::string(9000, 'a') + "\r\n\r\n"));
    EXPECT_EQ(status_of(longer.read_response(5s)), 431);
  }
  {
    RawConnection endless(port_);
    endless.send("GET /ok HTTP/1.1\r\n");
    for (int i = 0; i < 200 && endless.send("X-" + std::to_string(i) + ": " + std::string(1000, 'v') + "\r\n"); ++i) {
    }
    endless.closed_within(5s);
    EXPECT_EQ(status_of(endless.received()), 431);
  }
  expect_served();
}

TEST_F(HttpServerTest, AuthorizerRefusesBeforeTheBodyIsRead) {
  start(quick_limits());
  RawConnection anonymous(port_);
  ASSERT_TRUE(anonymous.send("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" +
                             std::string(50000, 'd')));
  const std::string answer = anonymous.read_response(5s);
  EXPECT_EQ(status_of(answer), 401) << answer;
  EXPECT_EQ(header_of(answer, "Connection"), "close");
  EXPECT_EQ(streamed_.load(), 0u);

  httplib::Client client("127.0.0.1", port_);
  httplib::Headers key = {{"X-Key", "yes"}};
  auto reply = client.Post("/stream", key, std::string(300000, 'd'), "application/octet-stream");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "300000");
}

TEST_F(HttpServerTest, ExpectContinueGetsTheBodyAfterTheInterimAnswer) {
  start(quick_limits());
  RawConnection connection(port_);
  ASSERT_TRUE(connection.send(
      "POST /stream HTTP/1.1\r\nHost: x\r\nX-Key: yes\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  const std::string interim = connection.read_response(5s);
  EXPECT_EQ(status_of(interim), 100) << interim;
  ASSERT_TRUE(connection.send("abcd"));
  EXPECT_EQ(status_of(connection.read_response(5s)), 200);
}

TEST_F(HttpServerTest, FullWorkerQueueIs503WithRetryAfter) {
  start(quick_limits(), /*workers=*/1, /*queue=*/1);
  RawConnection busy(port_);
  ASSERT_TRUE(busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!entered_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(entered_) << "the slow handler never ran";
  // The only worker is held: one request may wait in the queue, the others are refused.
  std::vector<std::unique_ptr<RawConnection>> others;
  for (int i = 0; i < 5; ++i) {
    others.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(others.back()->send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n"));
  }
  int refused = 0;
  for (auto& other : others) {
    const std::string answer = other->read_response(refused < 4 ? 5000ms : 200ms);
    if (status_of(answer) == 503) {
      ++refused;
      EXPECT_EQ(header_of(answer, "Retry-After"), "2");
    }
  }
  EXPECT_EQ(refused, 4);
  release_ = true;
  EXPECT_EQ(status_of(busy.read_response(5s)), 200);
}

TEST_F(HttpServerTest, ConnectionsPerAddressAreCapped) {
  HttpLimits limits = quick_limits();
  limits.connections_per_address = 3;
  start(limits);
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) held.push_back(std::make_unique<RawConnection>(port_));
  // Accepting is asynchronous: the fourth is refused once the three are counted.
  RawConnection fourth(port_);
  EXPECT_TRUE(fourth.closed_within(5s));
  EXPECT_EQ(status_of(fourth.received()), 503) << fourth.received();
  held.clear();
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    httplib::Client client("127.0.0.1", port_);
    auto reply = client.Get("/ok");
    served = reply && reply->status == 200;
    if (!served) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(HttpServerTest, StoppingClosesTheListenerAndEveryConnection) {
  start(quick_limits());
  RawConnection idle(port_);
  ASSERT_TRUE(idle.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(status_of(idle.read_response(5s)), 200);
  server_->stop();
  serving_.join();
  // A stopped server looks stopped: its keep-alive clients see the close, new ones a refusal.
  EXPECT_TRUE(idle.closed_within(2s));
  EXPECT_THROW(RawConnection again(port_), std::runtime_error);
}

TEST_F(HttpServerTest, StoppingStillAnswersTheRequestsAlreadyRead) {
  start(quick_limits());
  RawConnection waiting(port_);
  ASSERT_TRUE(waiting.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!entered_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(entered_) << "the slow handler never ran";
  // Stopped while the handler runs (a job being committed, say): its answer still leaves,
  // and the connection closes after it.
  server_->stop();
  bool listening = true;
  for (int i = 0; i < 200 && listening; ++i) {
    try {
      RawConnection another(port_);
      std::this_thread::sleep_for(10ms);
    } catch (const std::runtime_error&) {
      listening = false;
    }
  }
  EXPECT_FALSE(listening) << "a stopping server still accepts connections";
  release_ = true;
  const std::string answer = waiting.read_response(5s);
  EXPECT_EQ(status_of(answer), 200) << answer;
  EXPECT_EQ(header_of(answer, "Connection"), "close") << answer;
  serving_.join();
  EXPECT_TRUE(waiting.closed_within(2s));
}

}  // namespace
}  // namespace printline::http
