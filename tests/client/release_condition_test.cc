// FP-5 / D5: the release condition checked offline against the last synced balance and quota
// minus what was printed offline and not yet uploaded; the cost from the cached price list and
// the analysis of a real document.

#include <gtest/gtest.h>

#include "client/release_condition.h"

namespace printline::client {
namespace {

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";

model::PriceList prices() {
  model::PriceList list;
  list.prices = {{model::PaperSize::kA4, false, 10}, {model::PaperSize::kA4, true, 50},
                 {model::PaperSize::kLetter, false, 10}, {model::PaperSize::kLetter, true, 50}};
  return list;
}

CachedState synced(std::int64_t balance_cents, std::optional<model::Quota> quota = {}) {
  CachedState cache;
  api_client::MeAnswer me;
  me.user.login = "alice";
  me.user.balance_cents = balance_cents;
  me.user.pays_with_credit = true;
  me.user.quota = quota;
  me.balance_cents = balance_cents;
  cache.me = me;
  return cache;
}

model::FallbackSettings credit_quota() {
  model::FallbackSettings settings;
  settings.enabled = true;
  settings.release = model::ReleaseCondition::kCreditQuota;
  return settings;
}

JobCosting two_colour_pages() {
  return {model::PageCounts{2, 2, model::PaperSize::kA4, false, 1}, 100};
}

TEST(ReleaseCondition, FP5_Always_ReleasesWithoutLookingAtCredit) {
  model::FallbackSettings settings;
  settings.release = model::ReleaseCondition::kAlways;
  auto decision = check_release(settings, CachedState{}, Error{"no analysis"}, {}, model::now_seconds());
  EXPECT_TRUE(decision.release);
}

TEST(ReleaseCondition, D5_EnoughCredit_Releases) {
  auto decision = check_release(credit_quota(), synced(500), two_colour_pages(), {},
                                model::now_seconds());
  EXPECT_TRUE(decision.release) << decision.reason;
}

TEST(ReleaseCondition, D5_NotEnoughCredit_HeldWithAClearMessage) {
  auto decision = check_release(credit_quota(), synced(50), two_colour_pages(), {},
                                model::now_seconds());
  EXPECT_FALSE(decision.release);
  EXPECT_NE(decision.reason.find("Not enough credit"), std::string::npos) << decision.reason;
  EXPECT_NE(decision.reason.find("kept"), std::string::npos);
}

TEST(ReleaseCondition, D5_UnsyncedOfflineSpendingCounts) {
  // 150 synced, 100 already printed offline and not uploaded: 50 left, the job costs 100.
  auto decision = check_release(credit_quota(), synced(150), two_colour_pages(),
                                model::UnsyncedSpending{100, 2}, model::now_seconds());
  EXPECT_FALSE(decision.release);
}

TEST(ReleaseCondition, D5_PageQuotaExhausted_Held) {
  model::Quota quota;
  quota.period = model::QuotaPeriod::kMonth;
  quota.page_limit = 10;
  quota.used_pages = 9;
  quota.period_start = model::period_start_of(quota.period, model::now_seconds());
  auto decision = check_release(credit_quota(), synced(10000, quota), two_colour_pages(), {},
                                model::now_seconds());
  EXPECT_FALSE(decision.release);
}

// A user without a quota of their own is held to their group's, as the server holds them:
// the user as the server sends it (JSON) carries the group's quota with the user's usage.
TEST(ReleaseCondition, D5_TheGroupsQuotaHoldsAMemberWithoutOne) {
  model::User from_server;
  from_server.login = "alice";
  from_server.balance_cents = 10000;
  model::Quota interns;
  interns.period = model::QuotaPeriod::kWeek;
  interns.page_limit = 10;
  interns.used_pages = 9;
  interns.period_start = model::period_start_of(interns.period, model::now_seconds());
  from_server.group_quota = interns;
  from_server.quota_group = "interns";
  auto cache = synced(10000);
  cache.me->user = nlohmann::json(from_server).get<model::User>();
  ASSERT_FALSE(cache.me->user.quota);
  auto decision =
      check_release(credit_quota(), cache, two_colour_pages(), {}, model::now_seconds());
  EXPECT_FALSE(decision.release);
  EXPECT_NE(decision.reason.find("page quota exceeded"), std::string::npos) << decision.reason;
  cache.me->user.group_quota->page_limit = 20;
  EXPECT_TRUE(
      check_release(credit_quota(), cache, two_colour_pages(), {}, model::now_seconds()).release);
}

TEST(ReleaseCondition, D5_NeverSynced_Held) {
  auto decision = check_release(credit_quota(), CachedState{}, two_colour_pages(), {},
                                model::now_seconds());
  EXPECT_FALSE(decision.release);
  EXPECT_NE(decision.reason.find("never been synced"), std::string::npos);
}

TEST(ReleaseCondition, D5_CostUnknown_Held) {
  auto decision = check_release(credit_quota(), synced(10000), Error{"no price for A0"}, {},
                                model::now_seconds());
  EXPECT_FALSE(decision.release);
  EXPECT_NE(decision.reason.find("no price for A0"), std::string::npos);
}

TEST(ReleaseCondition, D5_CostOfARealPdfFromTheCachedPriceList) {
  ASSERT_TRUE(std::filesystem::exists(kTestPdf)) << "cups-filters is not installed";
  model::JobTicket two_copies;
  two_copies.copies = 2;
  auto costing = analyze_and_cost(kTestPdf, two_copies, prices());
  ASSERT_TRUE(costing.ok()) << costing.error().message;
  EXPECT_EQ(costing->counts.pages, 1);
  EXPECT_EQ(costing->counts.copies, 2);
  const std::int64_t per_page = costing->counts.color_pages > 0 ? 50 : 10;
  EXPECT_EQ(costing->cost_cents, 2 * per_page);
  // Monochrome asked (D11): the mono price, whatever the page holds.
  auto mono_ticket = two_copies;
  mono_ticket.color_mode = model::ColorMode::kMonochrome;
  auto mono = analyze_and_cost(kTestPdf, mono_ticket, prices());
  ASSERT_TRUE(mono.ok()) << mono.error().message;
  EXPECT_EQ(mono->counts.color_pages, 0);
  EXPECT_EQ(mono->cost_cents, 2 * 10);
}

TEST(ReleaseCondition, D5_NoCachedPriceList_CostIsAnError) {
  ASSERT_TRUE(std::filesystem::exists(kTestPdf));
  auto costing = analyze_and_cost(kTestPdf, model::JobTicket{}, std::nullopt);
  EXPECT_FALSE(costing.ok());
}

}  // namespace
}  // namespace printline::client
