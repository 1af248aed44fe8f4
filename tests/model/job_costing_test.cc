#include "model/job_costing.h"

#include <gtest/gtest.h>

namespace printline::model {
namespace {

analysis::JobAnalysis mixed_a4_a3() {
  analysis::JobAnalysis analysis;
  analysis.pages = {{true, 595, 842, "A4"}, {false, 842, 1191, "A3"}, {false, 0, 0, "unknown"}};
  analysis.duplex = true;
  analysis.copies = 3;
  return analysis;
}

TEST(JobCosting, LargestPageDecidesThePaperAndTheDocumentsSettingsApply) {
  auto counts = count_job_pages(mixed_a4_a3(), 0, std::nullopt);
  EXPECT_EQ(counts, (PageCounts{3, 1, PaperSize::kA3, true, 3}));
}

TEST(JobCosting, SubmittersCopiesAndSidesWin) {
  auto counts = count_job_pages(mixed_a4_a3(), 2, false);
  EXPECT_EQ(counts.copies, 2);
  EXPECT_FALSE(counts.duplex);
}

TEST(JobCosting, NoPagesWithAPaperNamePricesAsA4) {
  analysis::JobAnalysis analysis;
  analysis.pages = {{false, 0, 0, "custom"}};
  analysis.copies = -4;
  EXPECT_EQ(count_job_pages(analysis, 1, std::nullopt),
            (PageCounts{1, 0, PaperSize::kA4, false, 1}));
}

TEST(JobCosting, PricedOrTheMissingPriceSaysSo) {
  PriceList prices;
  prices.prices = {{PaperSize::kA3, false, 10}, {PaperSize::kA3, true, 40}};
  auto costing = cost_job_pages(mixed_a4_a3(), 1, false, prices, true);
  ASSERT_TRUE(costing.ok());
  // One copy asked is no copies asked: the document's three apply.
  EXPECT_EQ(costing->cost_cents, 3 * (40 + 10 + 10));
  auto mono = cost_job_pages(mixed_a4_a3(), 1, false, prices, false);
  EXPECT_EQ(mono->cost_cents, 3 * 30);
  prices.prices.pop_back();
  EXPECT_FALSE(cost_job_pages(mixed_a4_a3(), 1, false, prices, true).ok());
}

}  // namespace
}  // namespace printline::model
