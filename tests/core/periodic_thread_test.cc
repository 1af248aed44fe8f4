// PeriodicThread: the task runs on its own thread, at once or after a period, again every
// period, and stop() ends it without waiting out a long period.

#include "core/periodic_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace printline {
namespace {

using namespace std::chrono_literals;

// Polls until `done` holds (5 s at most).
template <typename Condition>
bool eventually(Condition done) {
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (!done() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
  return done();
}

TEST(PeriodicThreadTest, RunsAtOnceThenEveryPeriod) {
  std::atomic<int> runs{0};
  PeriodicThread thread;
  thread.start(5ms, PeriodicThread::First::kAtOnce, [&] { ++runs; });
  EXPECT_TRUE(eventually([&] { return runs >= 3; }));
  thread.stop();
  const int stopped_at = runs;
  thread.stop();  // twice is fine
  EXPECT_EQ(runs, stopped_at);  // joined: nothing runs after stop()
}

TEST(PeriodicThreadTest, StopDoesNotWaitOutALongPeriod) {
  std::atomic<int> runs{0};
  PeriodicThread thread;
  thread.start(std::chrono::hours(1), PeriodicThread::First::kAtOnce, [&] { ++runs; });
  ASSERT_TRUE(eventually([&] { return runs == 1; }));
  const auto asked = std::chrono::steady_clock::now();
  thread.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s);
  EXPECT_EQ(runs, 1);
}

TEST(PeriodicThreadTest, AfterAPeriodNothingRunsWhenStoppedFirst) {
  std::atomic<int> runs{0};
  {
    PeriodicThread thread;
    thread.start(std::chrono::hours(1), PeriodicThread::First::kAfterAPeriod, [&] { ++runs; });
  }  // the destructor stops it
  EXPECT_EQ(runs, 0);
  PeriodicThread stopped;
  stopped.stop();
  stopped.start(1ms, PeriodicThread::First::kAtOnce, [&] { ++runs; });
  stopped.stop();
  EXPECT_EQ(runs, 0);  // stopped before it started: never runs
}

}  // namespace
}  // namespace printline
