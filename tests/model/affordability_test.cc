#include "model/affordability.h"

#include <gtest/gtest.h>

namespace printline::model {
namespace {

using std::chrono::days;
using std::chrono::hours;

const Timestamp kNow = *parse_timestamp("2026-11-24T10:00:00Z");  // a Tuesday

User user_with_balance(std::int64_t cents) {
  User u;
  u.login = "alice";
  u.balance_cents = cents;
  return u;
}

Quota quota(QuotaPeriod period, std::optional<std::int64_t> pages,
            std::optional<std::int64_t> cents, Timestamp in_period) {
  Quota q;
  q.period = period;
  q.page_limit = pages;
  q.cost_limit_cents = cents;
  q.period_start = period_start_of(period, in_period);
  return q;
}

TEST(CanAfford, CreditCoversTheJob) {
  EXPECT_TRUE(can_afford(user_with_balance(100), 100, 10, kNow).allowed);
  auto a = can_afford(user_with_balance(99), 100, 10, kNow);
  EXPECT_FALSE(a.allowed);
  EXPECT_NE(a.reason.find("not enough credit"), std::string::npos);
  EXPECT_NE(a.reason.find("0.99"), std::string::npos);
}

TEST(CanAfford, OfflineUnsyncedSpendingIsSubtracted) {
  User u = user_with_balance(500);
  EXPECT_TRUE(can_afford(u, 200, 4, kNow, UnsyncedSpending{300, 6}).allowed);
  auto a = can_afford(u, 201, 4, kNow, UnsyncedSpending{300, 6});
  EXPECT_FALSE(a.allowed);
  EXPECT_NE(a.reason.find("printed offline"), std::string::npos);
}

TEST(CanAfford, UserWithoutCreditAccountIsOnlyHeldToQuota) {
  User u = user_with_balance(0);
  u.pays_with_credit = false;
  EXPECT_TRUE(can_afford(u, 1000, 10, kNow).allowed);
}

TEST(CanAfford, PageQuotaCountsUsageAndUnsyncedPages) {
  User u = user_with_balance(0);
  u.pays_with_credit = false;
  u.quota = quota(QuotaPeriod::kMonth, 100, std::nullopt, kNow);
  u.quota->used_pages = 90;
  EXPECT_TRUE(can_afford(u, 0, 10, kNow).allowed);
  EXPECT_FALSE(can_afford(u, 0, 11, kNow).allowed);
  auto a = can_afford(u, 0, 5, kNow, UnsyncedSpending{0, 6});
  EXPECT_FALSE(a.allowed);
  EXPECT_NE(a.reason.find("page quota"), std::string::npos);
}

TEST(CanAfford, CostQuotaIsChecked) {
  User u = user_with_balance(10000);
  u.quota = quota(QuotaPeriod::kWeek, std::nullopt, 500, kNow);
  u.quota->used_cost_cents = 450;
  EXPECT_TRUE(can_afford(u, 50, 1, kNow).allowed);
  EXPECT_FALSE(can_afford(u, 51, 1, kNow).allowed);
}

TEST(CanAfford, UsageOfAnEarlierPeriodNoLongerCounts) {
  User u = user_with_balance(0);
  u.pays_with_credit = false;
  u.quota = quota(QuotaPeriod::kDay, 10, std::nullopt, kNow - days(1));
  u.quota->used_pages = 10;
  EXPECT_TRUE(can_afford(u, 0, 10, kNow).allowed);
  EXPECT_FALSE(can_afford(u, 0, 1, kNow - hours(12)).allowed);
}

TEST(Quota, PeriodStarts) {
  EXPECT_EQ(format_timestamp(period_start_of(QuotaPeriod::kDay, kNow)), "2026-11-24T00:00:00Z");
  EXPECT_EQ(format_timestamp(period_start_of(QuotaPeriod::kWeek, kNow)), "2026-11-23T00:00:00Z");
  EXPECT_EQ(format_timestamp(period_start_of(QuotaPeriod::kMonth, kNow)), "2026-11-01T00:00:00Z");
}

}  // namespace
}  // namespace printline::model
