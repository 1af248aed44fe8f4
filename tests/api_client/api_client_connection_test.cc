// The API client's connection (issue 11): one keep-alive connection per server for every
// request, opened again after the server restarted; a busy server's 503 + Retry-After reaches
// the caller so the desktop client can back off.

#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "api_client/api_client.h"
#include "api_client/fallback_upload.h"
#include "api_client/session_calls.h"
#include "loopback_ports.h"
#include "server/running_server.h"

namespace printline::api_client {
namespace {

using printline::testing::RunningServer;

ServerUrl url_of(const std::string& address) {
  auto parsed = parse_server_urls({address});
  if (!parsed.ok()) throw std::runtime_error(parsed.error().message);
  return parsed->front();
}

// TCP connections to `port` on loopback in `state` ("01" established, "06" time-wait), as the
// kernel lists them, from the connecting side (the remote port is the server's).
int loopback_connections_to(int port, const std::string& state) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  int count = 0;
  char remote_port[8];
  std::snprintf(remote_port, sizeof remote_port, "%04X", port);
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, st;
    fields >> slot >> local >> remote >> st;
    if (remote.substr(remote.find(':') + 1) == remote_port && st == state) ++count;
  }
  return count;
}

std::string admin_token(ApiClient& client) {
  auto answer = login(client, RunningServer::kAdminLogin, RunningServer::kAdminPassword);
  if (!answer.ok()) throw std::runtime_error(answer.error().message);
  return answer->token;
}

TEST(ApiClientConnection, ReusesOneKeepAliveConnectionForEveryRequest) {
  RunningServer server;
  ApiClient client({url_of(server.base_url())}, ClientOptions{});
  client.set_token(admin_token(client));
  for (int i = 0; i < 20; ++i) {
    auto who = me(client);
    ASSERT_TRUE(who.ok()) << who.error().message;
  }
  EXPECT_EQ(client.connections_opened(), 1u);
  // The kernel agrees: one connection open, none closed (a closed one lingers in TIME_WAIT).
  EXPECT_EQ(loopback_connections_to(server.port(), "01"), 1);
  EXPECT_EQ(loopback_connections_to(server.port(), "06"), 0);
}

TEST(ApiClientConnection, ConcurrentRequestsAreAllAnswered) {
  RunningServer server;
  ApiClient client({url_of(server.base_url())}, ClientOptions{});
  client.set_token(admin_token(client));
  std::atomic<int> answered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        if (me(client).ok()) ++answered;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(answered.load(), 40);
  EXPECT_LE(client.connections_opened(), 4u);  // one per thread at most, not one per request
}

TEST(ApiClientConnection, OpensANewConnectionAfterTheServerRestarted) {
  const int port = printline::testing::closed_loopback_port();
  auto on_port = [port](server::ServerConfig& config) { config.listen_port = port; };
  auto first = std::make_unique<RunningServer>(on_port);
  ApiClient client({url_of(first->base_url())}, ClientOptions{});
  client.set_token(admin_token(client));
  ASSERT_TRUE(me(client).ok());
  first.reset();  // the kept connection is closed by the server going away

  RunningServer second(on_port);
  // Another data directory: the token is unknown there, so an answer is a 401 — an answer,
  // not a broken connection.
  auto who = me(client);
  ASSERT_FALSE(who.ok());
  EXPECT_FALSE(who.error().unreachable()) << who.error().message;
  EXPECT_EQ(who.error().http_status, 401);
  EXPECT_EQ(loopback_connections_to(port, "01"), 1);  // the new one, kept open again
}

// The real server says 503 + Retry-After only under overload; this stands in for it.
TEST(ApiClientConnection, BusyServersRetryAfterReachesTheCaller) {
  httplib::Server busy;
  busy.Post("/api/v1/accounting/fallback-jobs", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_header("Retry-After", "7");
    res.set_content(R"({"error":{"code":"busy","message":"The server is busy; try again later."}})",
                    "application/json");
  });
  const int port = busy.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { busy.listen_after_bind(); });
  ApiClient client({url_of("127.0.0.1:" + std::to_string(port))}, ClientOptions{});
  auto answer = upload_fallback_jobs(client, {});
  busy.stop();
  serving.join();
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().http_status, 503);
  ASSERT_TRUE(answer.error().retry_after_s.has_value());
  EXPECT_EQ(*answer.error().retry_after_s, 7);
}

}  // namespace
}  // namespace printline::api_client
