#include "core/job_uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace printline {
namespace {

TEST(JobUuid, NewUuidsAreVersion4AndCanonical) {
  const std::string uuid = new_job_uuid();
  EXPECT_TRUE(is_valid_job_uuid(uuid)) << uuid;
  EXPECT_EQ(uuid[14], '4');
  EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos) << uuid;
}

TEST(JobUuid, NewUuidsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(seen.insert(new_job_uuid()).second);
}

TEST(JobUuid, RejectsMalformedText) {
  EXPECT_FALSE(is_valid_job_uuid(""));
  EXPECT_FALSE(is_valid_job_uuid("1b4e28ba2fa14d2ba3f6000000000000"));
  EXPECT_FALSE(is_valid_job_uuid("1b4e28ba-2fa1-4d2b-a3f6-00000000000g"));
  EXPECT_FALSE(is_valid_job_uuid("1b4e28ba-2fa1-4d2b-a3f6-0000000000000"));
  EXPECT_TRUE(is_valid_job_uuid("1B4E28BA-2FA1-4D2B-A3F6-000000000000"));
}

}  // namespace
}  // namespace printline
