// Request targets: the decoded path and query parameters.

#include "http/query_string.h"

#include <gtest/gtest.h>

namespace printline::http {
namespace {

TEST(QueryString, DecodesPairsPlusAndPercent) {
  const Params params = parse_query("a=1&b=x%20y+z&c&&d=%zz&e=%4");
  EXPECT_EQ(params.find("a")->second, "1");
  EXPECT_EQ(params.find("b")->second, "x y z");
  EXPECT_EQ(params.find("c")->second, "");
  EXPECT_EQ(params.find("d")->second, "%zz");  // a malformed escape stays as sent
  EXPECT_EQ(params.find("e")->second, "%4");
  EXPECT_EQ(params.size(), 5u);
}

TEST(QueryString, RepeatedNamesAreAllKept) {
  const Params params = parse_query("state=done&state=failed");
  EXPECT_EQ(params.count("state"), 2u);
}

TEST(QueryString, SplitsTargetAndKeepsPlusInPaths) {
  std::string path;
  Params params;
  ASSERT_TRUE(split_target("/ipp/print/a+b%2Fc?limit=5", &path, &params));
  EXPECT_EQ(path, "/ipp/print/a+b/c");
  EXPECT_EQ(params.find("limit")->second, "5");
  EXPECT_FALSE(split_target("*", &path, &params));
  EXPECT_FALSE(split_target("http://example/", &path, &params));
  EXPECT_FALSE(split_target("", &path, &params));
}

TEST(QueryString, PercentDecodeAtTheEnd) {
  EXPECT_EQ(percent_decode("%41%42", false), "AB");
  EXPECT_EQ(percent_decode("%", false), "%");
  EXPECT_EQ(percent_decode("a%4", false), "a%4");
}

}  // namespace
}  // namespace printline::http
