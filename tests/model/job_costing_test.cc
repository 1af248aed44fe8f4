#include "model/job_costing.h"

#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "test_pdf.h"

namespace printline::model {
namespace {

using analysis::testing::make_pdf;
using analysis::testing::TestPage;

analysis::JobAnalysis mixed_a4_a3() {
  analysis::JobAnalysis analysis;
  analysis.pages = {{true, 595, 842, "A4"}, {false, 842, 1191, "A3"}, {false, 0, 0, "unknown"}};
  analysis.duplex = true;
  analysis.copies = 3;
  return analysis;
}

JobTicket ticket_of(const OptionList& options) {
  auto ticket = apply_options({}, options);
  EXPECT_TRUE(ticket.ok()) << ticket.error().message;
  return ticket.ok() ? *ticket : JobTicket{};
}

// A real A4 PDF of 5 pages, analysed by the analysis library: pages 1, 3 and 5 are colour.
analysis::JobAnalysis five_pages_three_colour() {
  const TestPage colour{"1 0 0 rg 0 0 100 100 re f"};
  const TestPage grey{"0.3 g 0 0 100 100 re f"};
  const auto pdf = make_pdf({colour, grey, colour, grey, colour});
  auto analysed = analysis::analyze_bytes(pdf);
  EXPECT_TRUE(analysed.ok()) << analysed.error().message;
  if (!analysed.ok()) return {};
  EXPECT_EQ(analysed->page_count(), 5);
  EXPECT_EQ(analysed->color_page_count(), 3);
  return *analysed;
}

PriceList a4_prices(int duplex_discount_percent = 0) {
  PriceList prices;
  prices.prices = {{PaperSize::kA4, false, 10}, {PaperSize::kA4, true, 50},
                   {PaperSize::kA3, false, 20}, {PaperSize::kA3, true, 80}};
  prices.duplex_discount_percent = duplex_discount_percent;
  return prices;
}

TEST(JobCosting, LargestPageDecidesThePaperAndTheDocumentsSettingsApply) {
  auto counts = count_job_pages(mixed_a4_a3(), JobTicket{});
  EXPECT_EQ(counts, (PageCounts{3, 1, PaperSize::kA3, true, 3}));
}

TEST(JobCosting, TicketsCopiesAndSidesWin) {
  auto counts = count_job_pages(mixed_a4_a3(), ticket_of({{"copies", "2"}, {"sides", "one-sided"}}));
  EXPECT_EQ(counts.copies, 2);
  EXPECT_FALSE(counts.duplex);
}

TEST(JobCosting, NoPagesWithAPaperNamePricesAsA4) {
  analysis::JobAnalysis analysis;
  analysis.pages = {{false, 0, 0, "custom"}};
  analysis.copies = -4;
  EXPECT_EQ(count_job_pages(analysis, JobTicket{}), (PageCounts{1, 0, PaperSize::kA4, false, 1}));
}

TEST(JobCosting, PricedOrTheMissingPriceSaysSo) {
  PriceList prices;
  prices.prices = {{PaperSize::kA3, false, 10}, {PaperSize::kA3, true, 40}};
  const auto simplex = ticket_of({{"sides", "one-sided"}});
  auto costing = cost_job_pages(mixed_a4_a3(), simplex, prices, true);
  ASSERT_TRUE(costing.ok());
  // One copy asked is no copies asked: the document's three apply.
  EXPECT_EQ(costing->cost_cents, 3 * (40 + 10 + 10));
  auto mono = cost_job_pages(mixed_a4_a3(), simplex, prices, false);
  EXPECT_EQ(mono->cost_cents, 3 * 30);
  EXPECT_EQ(mono->counts.color_pages, 0);
  prices.prices.pop_back();
  EXPECT_FALSE(cost_job_pages(mixed_a4_a3(), simplex, prices, true).ok());
}

TEST(JobCosting, ARealDocumentIsChargedAsPrintedUnderItsTicket) {
  const auto analysis = five_pages_three_colour();
  // As the document is: 5 sides, 3 colour.
  auto plain = cost_job_pages(analysis, JobTicket{}, a4_prices(), true);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->counts, (PageCounts{5, 3, PaperSize::kA4, false, 1}));
  EXPECT_EQ(plain->cost_cents, 3 * 50 + 2 * 10);

  // Monochrome asked: every side mono.
  auto mono = cost_job_pages(analysis, ticket_of({{"print-color-mode", "monochrome"}}),
                             a4_prices(), true);
  EXPECT_EQ(mono->counts, (PageCounts{5, 0, PaperSize::kA4, false, 1}));
  EXPECT_EQ(mono->cost_cents, 5 * 10);

  // Only pages 2-3: one grey, one colour.
  auto ranged = cost_job_pages(analysis, ticket_of({{"page-ranges", "2-3"}}), a4_prices(), true);
  EXPECT_EQ(ranged->counts, (PageCounts{2, 1, PaperSize::kA4, false, 1}));
  EXPECT_EQ(ranged->cost_cents, 50 + 10);

  // Two per side: sides (1,2) (3,4) (5), each with a colour page.
  auto two_up = cost_job_pages(analysis, ticket_of({{"number-up", "2"}}), a4_prices(), true);
  EXPECT_EQ(two_up->counts, (PageCounts{3, 3, PaperSize::kA4, false, 1}));
  // Four per side over pages 2,4 only: one grey side.
  auto grey_side = count_job_pages(
      analysis, ticket_of({{"page-ranges", "2,4"}, {"number-up", "4"}}));
  EXPECT_EQ(grey_side, (PageCounts{1, 0, PaperSize::kA4, false, 1}));

  // A mono printer: every side mono whatever the ticket asked.
  auto on_mono = cost_job_pages(analysis, ticket_of({{"print-color-mode", "color"}}),
                                a4_prices(), false);
  EXPECT_EQ(on_mono->counts.color_pages, 0);
  EXPECT_EQ(on_mono->cost_cents, 5 * 10);

  // The paper asked for is the paper printed on.
  auto a3 = cost_job_pages(analysis, ticket_of({{"media", "A3"}}), a4_prices(), true);
  EXPECT_EQ(a3->counts.paper, PaperSize::kA3);
  EXPECT_EQ(a3->cost_cents, 3 * 80 + 2 * 20);

  // Ranges past the end of the document select nothing: nothing printed, nothing charged.
  auto beyond = cost_job_pages(analysis, ticket_of({{"page-ranges", "9-12"}}), a4_prices(), true);
  EXPECT_EQ(beyond->counts.pages, 0);
  EXPECT_EQ(beyond->cost_cents, 0);
}

TEST(JobCosting, TheIssuesExampleIsTheMonoDuplexPriceOfTheSheetsPrinted) {
  // lp -o sides=two-sided-long-edge -o print-color-mode=monochrome -n 2 -o page-ranges=1-2
  //    -o number-up=2 on a colour document: one side per copy, mono, duplex, two copies.
  const auto analysis = five_pages_three_colour();
  const auto ticket = ticket_of({{"sides", "two-sided-long-edge"},
                                 {"print-color-mode", "monochrome"},
                                 {"copies", "2"},
                                 {"page-ranges", "1-2"},
                                 {"number-up", "2"}});
  auto costing = cost_job_pages(analysis, ticket, a4_prices(50), true);
  ASSERT_TRUE(costing.ok());
  EXPECT_EQ(costing->counts, (PageCounts{1, 0, PaperSize::kA4, true, 2}));
  EXPECT_EQ(costing->cost_cents, 2 * 10 - 10);  // 2 mono sides, half off for duplex
}

TEST(JobCosting, AHeldJobReleasedToAMonoPrinterIsPricedMono) {
  const auto analysis = five_pages_three_colour();
  auto on_colour = count_job_pages(analysis, JobTicket{}, true);
  EXPECT_EQ(on_colour.color_pages, 3);
  auto on_mono = counts_on_printer(on_colour, false);
  EXPECT_EQ(on_mono.color_pages, 0);
  EXPECT_EQ(on_mono.pages, 5);
  EXPECT_EQ(counts_on_printer(on_colour, true), on_colour);
}

}  // namespace
}  // namespace printline::model
