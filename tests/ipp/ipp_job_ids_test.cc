// The one IPP job-id allocator: reserved ids bound to jobs, backend numbers, ids kept in a file
// across restarts.
#include "ipp/ipp_job_ids.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace printline::ipp {
namespace {

using testing::TempDir;

TEST(IppJobIds, AJobWithABackendNumberIsKnownByItUnlessACreateJobReservedAnId) {
  JobIds ids({}, 1 << 30);
  EXPECT_EQ(ids.id_for("uuid-a", 42), 42);
  const int reserved = ids.reserve();
  EXPECT_GE(reserved, 1 << 30);
  ids.bind(reserved, "uuid-b");
  EXPECT_EQ(ids.id_for("uuid-b", 43), reserved);  // keeps the id its Create-Job gave
  EXPECT_EQ(ids.uuid_of(reserved), "uuid-b");
  EXPECT_FALSE(ids.uuid_of(42).has_value());  // a number is the backend's to look up
  EXPECT_TRUE(ids.is_given_here(reserved));
  EXPECT_FALSE(ids.is_given_here(42));
}

TEST(IppJobIds, IdsGivenHereAreKeptInTheFileAcrossRestarts) {
  TempDir dir("printline-ipp-ids");
  const auto file = dir / "ids";
  int first = 0;
  int reserved = 0;
  {
    JobIds ids(file, 1);
    first = ids.id_for("uuid-a", 0);
    reserved = ids.reserve();
    ids.bind(reserved, "uuid-b");
    EXPECT_NE(first, reserved);
  }
  JobIds again(file, 1);
  EXPECT_EQ(again.id_for("uuid-a", 0), first);
  EXPECT_EQ(again.uuid_of(reserved), "uuid-b");
  const int next = again.id_for("uuid-c", 0);
  EXPECT_GT(next, reserved);  // never an id given before the restart
}

TEST(IppJobIds, ALowestIdMarksEveryIdOfTheRangeAsGivenHereAfterARestart) {
  // The server starts each run at another point of [2^30, 2^31).
  JobIds ids({}, (1 << 30) + 5000, 1 << 30);
  EXPECT_TRUE(ids.is_given_here((1 << 30) + 1));
  EXPECT_FALSE(ids.is_given_here((1 << 30) - 1));
}

}  // namespace
}  // namespace printline::ipp
