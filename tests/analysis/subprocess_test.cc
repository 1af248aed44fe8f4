#include "analysis/subprocess.h"

#include <gtest/gtest.h>

#include <chrono>

namespace printline::analysis {
namespace {

using std::chrono::milliseconds;

TEST(SubprocessTest, CollectsOutputAndExitCode) {
  auto result =
      run_with_timeout({"sh", "-c", "echo out; echo err >&2; exit 3"}, milliseconds(5000));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err\n");
  EXPECT_EQ(result->exit_code, 3);
}

TEST(SubprocessTest, KillsAChildThatOverrunsItsTimeout) {
  auto start = std::chrono::steady_clock::now();
  auto result = run_with_timeout({"sh", "-c", "sleep 30"}, milliseconds(200));
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("did not finish"), std::string::npos);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(SubprocessTest, MissingProgramIsAnError) {
  EXPECT_FALSE(run_with_timeout({"printline-no-such-program"}, milliseconds(1000)).ok());
}

}  // namespace
}  // namespace printline::analysis
