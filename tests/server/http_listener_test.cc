// The server's HTTP listener under a burst of connections: every desktop client reconnects at
// once when the server comes back after an outage.

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "server/running_server.h"

namespace printline::testing {
namespace {

TEST(HttpListener, ManyClientsConnectingAtOnceAreAllAnswered) {
  RunningServer server;
  constexpr int kClients = 96;
  // Big enough that a client whose connection was never accepted notices while sending.
  const std::string body(256 * 1024, 'x');
  std::latch start(kClients);
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_connection_timeout(10, 0);
      client.set_read_timeout(30, 0);
      start.arrive_and_wait();
      // Any HTTP answer counts (this route takes no POST): the request was read and answered.
      if (auto reply = client.Post("/health", body, "text/plain")) ++answered;
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(answered.load(), kClients);
}

}  // namespace
}  // namespace printline::testing
