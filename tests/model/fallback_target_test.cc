#include "model/fallback_target.h"

#include <gtest/gtest.h>

#include "model/device_uri.h"
#include "test_printers.h"

namespace printline::model {
namespace {

using testing::fallback_profile;
using testing::hp_printer;
using testing::kyocera_with_spooling;
using testing::kyocera_without_spooling;

TEST(DeviceUriHost, TakesHostFromEverySchemeWeUse) {
  EXPECT_EQ(*device_uri_host("socket://10.0.0.5:9100"), "10.0.0.5");
  EXPECT_EQ(*device_uri_host("lpd://printer.example:515/queue"), "printer.example");
  EXPECT_EQ(*device_uri_host("ipps://user@secure.example/ipp/print"), "secure.example");
  EXPECT_EQ(*device_uri_host("ipp://[fe80::1]:631/ipp/print"), "[fe80::1]");
  EXPECT_FALSE(device_uri_host("10.0.0.5:9100").ok());
  EXPECT_FALSE(device_uri_host("socket://:9100").ok());
}

TEST(FallbackTarget, OtherVendorsUseTheProfilePortOnTheirHost) {
  auto settings = fallback_profile().fallback;
  settings.port = {PortProtocol::kLpr, 515, "lp"};
  auto target = fallback_target(hp_printer(), settings);
  ASSERT_TRUE(target.ok()) << target.error().message;
  EXPECT_EQ(target->device_uri, "lpd://printer.example:515/lp");
  EXPECT_FALSE(target->spooling_port);
  EXPECT_FALSE(target->may_be_counted_twice);
}

TEST(FallbackTarget, IppQueueDefaultsToIppPrint) {
  auto settings = fallback_profile().fallback;
  settings.port = {PortProtocol::kIpp, 631, ""};
  EXPECT_EQ(fallback_target(hp_printer(), settings)->device_uri,
            "ipp://printer.example:631/ipp/print");
}

TEST(FallbackTarget, KyoceraWithSpoolingPortUsesItEvenWithoutKx) {
  auto target = fallback_target(kyocera_with_spooling(), fallback_profile().fallback);
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->device_uri, "lpd://10.0.0.5:515/spool");
  EXPECT_TRUE(target->spooling_port);
  EXPECT_FALSE(target->may_be_counted_twice);
}

TEST(FallbackTarget, KyoceraWithoutSpoolingPortMayBeCountedTwice) {
  auto target = fallback_target(kyocera_without_spooling(), fallback_profile().fallback);
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->device_uri, "socket://10.0.0.6:9100");
  EXPECT_TRUE(target->may_be_counted_twice);
}

TEST(FallbackTarget, KxIntegrationRefusesOtherVendorsAndNamesThePrinter) {
  auto settings = fallback_profile().fallback;
  settings.kx_integration = true;
  auto target = fallback_target(hp_printer(), settings);
  ASSERT_FALSE(target.ok());
  EXPECT_NE(target.error().message.find("hp-2nd-floor"), std::string::npos);
  EXPECT_NE(target.error().message.find("not a Kyocera"), std::string::npos);
}

TEST(FallbackTarget, KxIntegrationRefusesKyoceraWithoutSpoolingPort) {
  auto settings = fallback_profile().fallback;
  settings.kx_integration = true;
  auto target = fallback_target(kyocera_without_spooling(), settings);
  ASSERT_FALSE(target.ok());
  EXPECT_NE(target.error().message.find("no device spooling port"), std::string::npos);
  EXPECT_TRUE(fallback_target(kyocera_with_spooling(), settings).ok());
}

TEST(FallbackTarget, BadSpoolingPortIsReported) {
  Printer p = kyocera_with_spooling();
  p.spooling_port->queue.clear();  // LPR without a queue
  auto target = fallback_target(p, fallback_profile().fallback);
  ASSERT_FALSE(target.ok());
  EXPECT_NE(target.error().message.find("queue"), std::string::npos);
}

}  // namespace
}  // namespace printline::model
