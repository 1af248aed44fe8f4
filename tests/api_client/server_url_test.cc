#include "api_client/server_url.h"

#include <gtest/gtest.h>

#include "api_client/query_string.h"

namespace printline::api_client {
namespace {

TEST(ServerUrl, ParsesSchemeHostPortAndPath) {
  auto url = parse_server_url("https://print.example.org:9443/printline/");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "print.example.org");
  EXPECT_EQ(url->port, 9443);
  EXPECT_EQ(url->base_path, "/printline");
  EXPECT_EQ(url->to_string(), "https://print.example.org:9443/printline");
}

TEST(ServerUrl, HostAndPortAloneIsPlainHttpAndDefaultPortIs8631) {
  auto url = parse_server_url("127.0.0.1:8000");
  ASSERT_TRUE(url.ok());
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->to_string(), "http://127.0.0.1:8000");
  EXPECT_EQ(parse_server_url("https://print")->port, kDefaultServerPort);
}

TEST(ServerUrl, Ipv6InBrackets) {
  auto url = parse_server_url("http://[::1]:8631");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->to_string(), "http://[::1]:8631");
}

TEST(ServerUrl, RefusesWhatIsNoServerAddressAndSaysHowToWriteIt) {
  for (const char* bad : {"ftp://host", "http://:8631", "host:99999", "host:abc", "[::1"}) {
    auto url = parse_server_url(bad);
    ASSERT_FALSE(url.ok()) << bad;
    EXPECT_NE(url.error().message.find("https://print.example.org:8631"), std::string::npos);
  }
}

TEST(QueryString, EncodesAndSkipsEmptyValues) {
  EXPECT_EQ(query_string({{"user", "a b"}, {"printer", ""}, {"from", "2026-11-01T00:00:00Z"}}),
            "?user=a%20b&from=2026-11-01T00%3A00%3A00Z");
  EXPECT_EQ(query_string({{"user", ""}}), "");
}

}  // namespace
}  // namespace printline::api_client
