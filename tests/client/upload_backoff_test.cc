// The accounting upload's back-off after a busy server (issue 11) and the heartbeat's phase:
// waits honour Retry-After, are spread by jitter, double without it, and start over after a
// success.

#include "client/upload_backoff.h"

#include <gtest/gtest.h>

#include <set>

namespace printline::client {
namespace {

using namespace std::chrono_literals;

TEST(UploadBackoff, WaitsRetryAfterPlusUpToHalfOfItAgain) {
  const auto now = UploadBackoff::Clock::now();
  std::set<std::int64_t> seen;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    UploadBackoff backoff(seed);
    const auto wait = backoff.refused(10, now);
    EXPECT_GE(wait, 10s);
    EXPECT_LE(wait, 15s);
    EXPECT_FALSE(backoff.may_upload(now + 9s));
    EXPECT_TRUE(backoff.may_upload(now + wait));
    seen.insert(wait.count());
  }
  // Spread: clients told the same Retry-After do not come back in the same second.
  EXPECT_GT(seen.size(), 100u);
}

TEST(UploadBackoff, DoublesWithoutRetryAfterAndStartsOverAfterASuccess) {
  const auto now = UploadBackoff::Clock::now();
  UploadBackoff backoff(1);
  std::chrono::milliseconds base = 1s;
  for (int i = 0; i < 9; ++i) {
    const auto wait = backoff.refused(std::nullopt, now);
    EXPECT_GE(wait, base) << "refusal " << i;
    EXPECT_LE(wait, base + base / 2) << "refusal " << i;
    if (base < 64s) base *= 2;
  }
  backoff.succeeded();
  EXPECT_TRUE(backoff.may_upload(now));
  EXPECT_LE(backoff.refused(std::nullopt, now), 1500ms);
}

TEST(HeartbeatPhase, IsSpreadOverTheWholeInterval) {
  std::chrono::milliseconds lowest = 10s;
  std::chrono::milliseconds highest = 0ms;
  for (int i = 0; i < 2000; ++i) {
    const auto phase = random_phase(10s);
    ASSERT_GE(phase, 0ms);
    ASSERT_LT(phase, 10s);
    lowest = std::min(lowest, phase);
    highest = std::max(highest, phase);
  }
  EXPECT_LT(lowest, 1s);
  EXPECT_GT(highest, 9s);
}

}  // namespace
}  // namespace printline::client
