#include "core/stop_signals.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <thread>

namespace printline {
namespace {

TEST(StopSignals, ASignalSentToTheProcessIsTakenByWaitNotByAHandler) {
  const StopSignals stop_signals;
  int taken = 0;
  std::thread waiter([&] { taken = stop_signals.wait(); });  // inherits the blocked set
  ::kill(::getpid(), SIGTERM);  // would end the test program were it not blocked
  waiter.join();
  EXPECT_EQ(taken, SIGTERM);
}

TEST(StopSignals, SigpipeIsIgnored) {
  const StopSignals stop_signals;
  EXPECT_EQ(::raise(SIGPIPE), 0);  // still running: ignored
  std::thread waiter([&] { EXPECT_EQ(stop_signals.wait(), SIGINT); });
  pthread_kill(waiter.native_handle(), SIGINT);
  waiter.join();
}

}  // namespace
}  // namespace printline
