#include "transport/device_uri.h"

#include <gtest/gtest.h>

namespace printline::transport {
namespace {

TEST(DeviceUri, SocketWithDefaultPort) {
  auto uri = parse_device_uri("socket://printer.example");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->scheme, "socket");
  EXPECT_EQ(uri->host, "printer.example");
  EXPECT_EQ(uri->port, 9100);
}

TEST(DeviceUri, LpdQueueAndPort) {
  auto uri = parse_device_uri("lpd://10.0.0.5:5515/hall_2?reserve=none");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->port, 5515);
  EXPECT_EQ(uri->queue(), "hall_2");
  EXPECT_EQ(parse_device_uri("lpd://host/q")->port, 515);
}

TEST(DeviceUri, IppAndIpv6Literal) {
  auto uri = parse_device_uri("IPP://[::1]:8631/ipp/print");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->scheme, "ipp");
  EXPECT_EQ(uri->host, "::1");
  EXPECT_EQ(uri->port, 8631);
  EXPECT_EQ(uri->resource, "/ipp/print");
  EXPECT_EQ(parse_device_uri("ipps://h/ipp/print")->port, 631);
}

TEST(DeviceUri, UserInfoIsIgnored) { EXPECT_EQ(parse_device_uri("ipp://alice@h:1/x")->host, "h"); }

TEST(DeviceUri, RejectsMalformed) {
  for (const char* text : {"", "socket:", "socket://", "socket://:9100", "socket://h:0",
                           "socket://h:70000", "socket://h:12x", "://h", "socket://[::1",
                           "socket://[::1]x", "foo://h", "socket://bad host"}) {
    auto uri = parse_device_uri(text);
    EXPECT_FALSE(uri.ok()) << text;
    if (!uri.ok()) {
      EXPECT_NE(uri.error().message.find("not a valid printer address"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace printline::transport
