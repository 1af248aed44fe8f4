// crash_point: the process dies by SIGKILL exactly at the named point's n-th hit, and nowhere
// else. Each case runs in a forked child so the test process survives.

#include "core/crash_point.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

namespace printline {
namespace {

// Runs body in a child with PRINTLINE_CRASH_AT=plan; returns how the child ended.
int run_child(const char* plan, void (*body)()) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("PRINTLINE_CRASH_AT", plan, 1);
    body();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

void three_hits() {
  for (int i = 0; i < 3; ++i) crash_point("test.point");
}

TEST(CrashPoint, KillsAtTheFirstHitByDefault) {
  const int status = run_child("test.point", three_hits);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

TEST(CrashPoint, KillsAtTheNthHit) {
  const int status = run_child("test.point:3", [] {
    crash_point("test.point");
    crash_point("test.point");
    ::_exit(7);  // two hits of a plan for the third: still alive
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  const int third = run_child("test.point:3", three_hits);
  ASSERT_TRUE(WIFSIGNALED(third));
  EXPECT_EQ(WTERMSIG(third), SIGKILL);
}

TEST(CrashPoint, OtherPointsAndNoPlanDoNothing) {
  EXPECT_EQ(run_child("other.point", three_hits), 0);
  EXPECT_EQ(run_child("", three_hits), 0);
}

}  // namespace
}  // namespace printline
