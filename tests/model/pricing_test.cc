#include "model/pricing.h"

#include <gtest/gtest.h>

namespace printline::model {
namespace {

PriceList office_prices() {
  PriceList list;
  list.prices = {{PaperSize::kA4, false, 5},
                 {PaperSize::kA4, true, 20},
                 {PaperSize::kA3, false, 10},
                 {PaperSize::kA3, true, 40}};
  list.duplex_discount_percent = 0;
  return list;
}

TEST(Pricing, MonoAndColourPagesTimesCopies) {
  PageCounts counts{10, 3, PaperSize::kA4, false, 2};
  // per copy 7 × 5 + 3 × 20 = 95; two copies 190
  EXPECT_EQ(*price_job(office_prices(), counts), 190);
}

TEST(Pricing, PaperSizeSelectsThePrice) {
  PageCounts counts{2, 1, PaperSize::kA3, false, 1};
  EXPECT_EQ(*price_job(office_prices(), counts), 50);
}

TEST(Pricing, MonoPrinterChargesColourPagesAsMono) {
  PageCounts counts{4, 4, PaperSize::kA4, false, 1};
  EXPECT_EQ(*price_job(office_prices(), counts, /*printer_is_color=*/false), 20);
}

TEST(Pricing, DuplexDiscountRoundsInTheUsersFavour) {
  auto list = office_prices();
  list.duplex_discount_percent = 50;
  PageCounts counts{3, 0, PaperSize::kA4, true, 1};
  // 15 cents, half is 7.5: the user pays 7
  EXPECT_EQ(*price_job(list, counts), 7);
  counts.duplex = false;
  EXPECT_EQ(*price_job(list, counts), 15);
}

TEST(Pricing, MissingPriceIsAnErrorNotAFreeJob) {
  PageCounts counts{1, 1, PaperSize::kA2, false, 1};
  auto cost = price_job(office_prices(), counts);
  ASSERT_FALSE(cost.ok());
  EXPECT_NE(cost.error().message.find("colour price for A2"), std::string::npos);
}

TEST(Pricing, NonsenseCountsAreRefused) {
  EXPECT_FALSE(price_job(office_prices(), PageCounts{1, 2, PaperSize::kA4, false, 1}).ok());
  EXPECT_FALSE(price_job(office_prices(), PageCounts{1, 0, PaperSize::kA4, false, 0}).ok());
}

TEST(PriceList, ProblemsAreFoundWithTheFieldAtFault) {
  auto list = office_prices();
  EXPECT_FALSE(price_list_problem(list));
  list.duplex_discount_percent = 120;
  ASSERT_TRUE(price_list_problem(list));
  EXPECT_EQ(price_list_problem(list)->field, "duplex_discount_percent");
  list = office_prices();
  list.prices.push_back({PaperSize::kA4, true, 1});
  ASSERT_TRUE(price_list_problem(list));
  EXPECT_EQ(price_list_problem(list)->field, "prices");
  EXPECT_NE(price_list_problem(list)->message.find("listed twice"), std::string::npos);
}

}  // namespace
}  // namespace printline::model
