#include "analysis/pcl5_scanner.h"

#include <gtest/gtest.h>

#include <string>

namespace printline::analysis {
namespace {

JobAnalysis scan(const std::string& data) { return analyze_pcl5(data, *paper_by_name("Letter")); }

TEST(Pcl5ScannerTest, PagesPaperCopiesDuplex) {
  auto analysis = scan(
      "\x1b"
      "E\x1b&l26a2x1S"
      "Page one\f"
      "Page two\f\x1b"
      "E");
  EXPECT_EQ(analysis.page_count(), 2);
  EXPECT_EQ(analysis.pages[0].paper, "A4");
  EXPECT_EQ(analysis.copies, 2);
  EXPECT_EQ(analysis.duplex, true);
  EXPECT_EQ(analysis.color_page_count(), 0);
  EXPECT_EQ(analysis.page_count_method, Method::kHeuristic);
}

TEST(Pcl5ScannerTest, ResetEjectsAPageWithMarks) {
  EXPECT_EQ(scan("\x1b"
                 "Ehello\x1b"
                 "E")
                .page_count(),
            1);
  EXPECT_EQ(scan("\x1b"
                 "E\x1b&l27A"
                 "hello")
                .pages[0]
                .paper,
            "A3");
}

TEST(Pcl5ScannerTest, RasterDataIsSkippedByItsLength) {
  // 3 bytes of raster data that contain a form feed and an escape: not commands.
  std::string job =
      "\x1b"
      "E\x1b*r1A\x1b*b3W\f\x1b\f\x1b*rB\f\x1b"
      "E";
  EXPECT_EQ(scan(job).page_count(), 1);
}

TEST(Pcl5ScannerTest, ColourModeMarksPages) {
  auto analysis = scan(
      "\x1b"
      "E\x1b*r3U"
      "colour\f\x1b*r1U"
      "mono\f");
  ASSERT_EQ(analysis.page_count(), 2);
  EXPECT_TRUE(analysis.pages[0].color);
  EXPECT_FALSE(analysis.pages[1].color);
}

TEST(Pcl5ScannerTest, TruncatedSequencesDoNotCrash) {
  for (std::string job : {"\x1b", "\x1b&", "\x1b&l", "\x1b&l2", "\x1b*b100W", "\x1b%-12345X"}) {
    auto analysis = scan(job);
    EXPECT_LE(analysis.page_count(), 1);
  }
}

}  // namespace
}  // namespace printline::analysis
