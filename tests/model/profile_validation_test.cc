#include "model/profile_validation.h"

#include <gtest/gtest.h>

#include <vector>

#include "test_printers.h"

namespace printline::model {
namespace {

using testing::fallback_profile;
using testing::hp_printer;
using testing::kyocera_with_spooling;
using testing::kyocera_without_spooling;

bool mentions(const std::vector<ProfileFinding>& findings, std::string_view text) {
  for (const auto& f : findings) {
    if (f.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(ProfileValidation, PlainProfileWithoutFallbackIsValid) {
  ClientProfile profile;
  profile.name = "Default";
  profile.server_addresses = {"printline:8631"};
  auto check = check_profile(profile, {});
  EXPECT_TRUE(check.ok()) << check.summary();
  EXPECT_TRUE(check.warnings.empty());
  EXPECT_EQ(profile.connect_timeout, std::chrono::seconds(3));
  EXPECT_EQ(profile.heartbeat_interval, std::chrono::seconds(10));
}

TEST(ProfileValidation, KxIntegrationRefusesEachNonSpoolingPrinterByName) {
  auto profile = fallback_profile();
  profile.fallback.kx_integration = true;
  std::vector<Printer> printers{kyocera_with_spooling(), kyocera_without_spooling(), hp_printer()};
  auto check = check_profile(profile, printers);
  EXPECT_FALSE(check.ok());
  ASSERT_EQ(check.errors.size(), 2u) << check.summary();
  EXPECT_NE(check.errors[0].message.find("office-kyocera"), std::string::npos);
  EXPECT_NE(check.errors[1].message.find("hp-2nd-floor"), std::string::npos);
  EXPECT_FALSE(mentions(check.errors, "hall-kyocera"));
}

TEST(ProfileValidation, KxIntegrationWithOnlySpoolingPortsIsValid) {
  auto profile = fallback_profile();
  profile.fallback.kx_integration = true;
  std::vector<Printer> printers{kyocera_with_spooling()};
  auto check = check_profile(profile, printers);
  EXPECT_TRUE(check.ok()) << check.summary();
  EXPECT_TRUE(check.warnings.empty()) << check.summary();
}

TEST(ProfileValidation, AChangeThatBreaksAKxProfileIsNamedWithTheProfile) {
  auto profile = fallback_profile();
  profile.fallback.kx_integration = true;
  std::vector<Printer> before{kyocera_with_spooling()};
  std::vector<Printer> after{kyocera_with_spooling()};
  after[0].spooling_port.reset();  // the administrator removes the device spooling port
  auto added = errors_a_change_adds(profile, before, after);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_TRUE(added[0].message.starts_with("profile \"" + profile.name + "\": ")) << added[0].message;
  EXPECT_NE(added[0].message.find("hall-kyocera"), std::string::npos);
  // Errors the profile had before the change do not block it.
  EXPECT_TRUE(errors_a_change_adds(profile, after, after).empty());
}

TEST(ProfileValidation, KyoceraOnNonSpoolingPortIsAWarningNotAnError) {
  auto profile = fallback_profile();
  std::vector<Printer> printers{kyocera_without_spooling(), hp_printer()};
  auto check = check_profile(profile, printers);
  EXPECT_TRUE(check.ok()) << check.summary();
  ASSERT_EQ(check.warnings.size(), 1u);
  EXPECT_TRUE(mentions(check.warnings, "jobs may be counted twice"));
  EXPECT_TRUE(mentions(check.warnings, "office-kyocera"));
}

TEST(ProfileValidation, PortOutOfRangeAndMissingLprQueueAreErrors) {
  auto profile = fallback_profile();
  std::vector<Printer> printers{hp_printer()};
  profile.fallback.port = {PortProtocol::kRaw, 70000, ""};
  EXPECT_TRUE(mentions(check_profile(profile, printers).errors, "out of range"));
  profile.fallback.port = {PortProtocol::kRaw, 0, ""};
  EXPECT_FALSE(check_profile(profile, printers).ok());
  profile.fallback.port = {PortProtocol::kLpr, 515, ""};
  EXPECT_TRUE(mentions(check_profile(profile, printers).errors, "needs a queue"));
  profile.fallback.port = {PortProtocol::kLpr, 515, "lp"};
  EXPECT_TRUE(check_profile(profile, printers).ok());
}

TEST(ProfileValidation, FallbackNeedsPrintersOrGroupButNotBoth) {
  auto profile = fallback_profile();
  profile.fallback.printer_ids.clear();
  EXPECT_TRUE(mentions(check_profile(profile, {}).errors, "names no printer"));
  profile.fallback.printer_ids = {3};
  profile.fallback.group_id = 7;
  std::vector<Printer> printers{hp_printer()};
  EXPECT_TRUE(mentions(check_profile(profile, printers).errors, "not both"));
  profile.fallback.printer_ids.clear();
  EXPECT_TRUE(mentions(check_profile(profile, {}).errors, "group has no printers"));
}

TEST(ProfileValidation, PrinterThatDisallowsFallbackIsRefused) {
  auto profile = fallback_profile();
  Printer p = hp_printer();
  p.fallback_allowed = false;
  std::vector<Printer> printers{p};
  auto check = check_profile(profile, printers);
  EXPECT_TRUE(mentions(check.errors, "does not allow fallback"));
}

TEST(ProfileValidation, TimingAndKeepDaysAreChecked) {
  auto profile = fallback_profile();
  std::vector<Printer> printers{hp_printer()};
  profile.connect_timeout = std::chrono::milliseconds(0);
  profile.heartbeat_interval = std::chrono::seconds(0);
  profile.fallback.keep_waiting_days = 0;
  profile.server_addresses.clear();
  auto check = check_profile(profile, printers);
  EXPECT_EQ(check.errors.size(), 4u) << check.summary();
}

}  // namespace
}  // namespace printline::model
