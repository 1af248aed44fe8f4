// Password guessing is throttled in bounded memory (docs/security.md, D13): per account, per
// address and globally, with hashed keys in size-capped tables. Against a real server: guessing
// across many logins from one address is stopped, and twenty failed log-ins with 7 MiB login
// names do not grow a real printline-server process by what it received (they took 147 MB).

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "server/api_test_client.h"
#include "server/login_rate_limiter.h"
#include "server/running_server.h"
#include "support/child_process.h"
#include "support/file_text.h"
#include "support/loopback_port.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

TEST(Throttling, TheLimiterHoldsABoundedNumberOfKeysWhateverTheLogins) {
  server::LoginRateLimiter::Limits limits;
  limits.max_tracked = 1000;
  limits.global_per_second = 1'000'000;  // this test is about memory, not the global cap
  server::LoginRateLimiter limiter(limits);
  const std::string long_name(64 * 1024, 'x');
  const auto now = server::LoginRateLimiter::Clock::now();
  for (int i = 0; i < 20'000; ++i) {
    limiter.record_failure("10.0.0." + std::to_string(i % 300), long_name + std::to_string(i), now);
  }
  EXPECT_LE(limiter.tracked(), 2 * limits.max_tracked);
  // The newest are still counted: ten failures for one login lock it from any address.
  for (int i = 0; i < 10; ++i) limiter.record_failure("10.1.0." + std::to_string(i), "alice", now);
  EXPECT_GT(limiter.wait_before_attempt("192.0.2.1", "alice", now).count(), 0);
  EXPECT_EQ(limiter.wait_before_attempt("192.0.2.1", "bob", now).count(), 0);
}

TEST(Throttling, AGlobalCapStopsGuessingAcrossLoginsAndAddresses) {
  server::LoginRateLimiter limiter;  // 50 failures a second
  const auto now = server::LoginRateLimiter::Clock::now();
  for (int i = 0; i < 50; ++i) {
    limiter.record_failure("10.2." + std::to_string(i) + ".1", "user" + std::to_string(i), now);
  }
  EXPECT_EQ(limiter.wait_before_attempt("10.3.0.1", "fresh", now).count(), 1);
  EXPECT_EQ(limiter.wait_before_attempt("10.3.0.1", "fresh", now + std::chrono::seconds(2)).count(),
            0);
}

TEST(Throttling, GuessingAcrossManyLoginsFromOneAddressIsRefusedByARealServer) {
  RunningServer server;
  ApiClient anonymous("127.0.0.1", server.port());
  int refused = 0;
  for (int i = 0; i < 60 && refused == 0; ++i) {
    auto reply = anonymous.login("nobody-" + std::to_string(i), "guess");
    if (reply.status == 429) {
      ++refused;
      EXPECT_FALSE(reply.header("Retry-After").empty());
    } else {
      EXPECT_EQ(reply.status, 401) << reply.body;
    }
  }
  EXPECT_EQ(refused, 1);  // by the 51st guess at the latest (per address, or the global cap)
}

TEST(Throttling, FailedLoginsWithHugeNamesDoNotGrowARealServer) {
  TempDir dir;
  const int port = pick_free_port();
  std::ofstream(dir.path() / "admin.pw") << "admin-password-for-tests\n";
  ChildProcess server({PRINTLINE_SERVER_BINARY, "--data", (dir.path() / "data").string(),
                       "--listen", "127.0.0.1:" + std::to_string(port), "--admin-password-file",
                       (dir.path() / "admin.pw").string(), "--log-level", "warn"},
                      dir.path() / "server.log");
  ASSERT_TRUE(wait_until_listening(port, std::chrono::seconds(60), [&] { return server.running(); }))
      << read_file(dir.path() / "server.log");
  httplib::Client http("127.0.0.1", port);
  http.set_read_timeout(60, 0);
  // Warm up (first allocations, database pages), then measure.
  (void)http.Get("/api/v1/me");
  const long before = rss_kib(server.pid());
  const std::string huge(7u << 20, 'n');
  for (int i = 0; i < 20; ++i) {
    http.set_basic_auth(huge + std::to_string(i), "guess");
    auto reply = http.Get("/api/v1/me");
    ASSERT_TRUE(reply);
    EXPECT_TRUE(reply->status == 401 || reply->status == 429 || reply->status == 431 ||
                reply->status == 400)
        << reply->status;
  }
  const long after = rss_kib(server.pid());
  std::printf("server RSS before %ld KiB, after 20 failed log-ins with 7 MiB names %ld KiB\n", before,
              after);
  ASSERT_GT(before, 0);
  // 20 × 7 MiB = 140 MiB received; what stays must be far less than that.
  EXPECT_LT(after - before, 40 * 1024) << "before " << before << " KiB, after " << after << " KiB";
  EXPECT_TRUE(server.running());
}

}  // namespace
}  // namespace printline::testing
