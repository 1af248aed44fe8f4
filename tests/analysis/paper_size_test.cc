#include "analysis/paper_size.h"

#include <gtest/gtest.h>

#include "analysis/job_analysis.h"

namespace printline::analysis {
namespace {

TEST(PaperSizeTest, NamesStandardSizesInEitherOrientation) {
  EXPECT_EQ(paper_name(595, 842), "A4");
  EXPECT_EQ(paper_name(842, 595), "A4");
  EXPECT_EQ(paper_name(612, 792), "Letter");
  EXPECT_EQ(paper_name(612, 1008), "Legal");
  EXPECT_EQ(paper_name(842, 1191), "A3");
  EXPECT_EQ(paper_name(420, 595), "A5");
  EXPECT_EQ(paper_name(1191, 1684), "A2");
  EXPECT_EQ(paper_name(500, 500), "custom");
  EXPECT_EQ(paper_name(0, 0), "unknown");
}

TEST(PaperSizeTest, LargeFormatIsWiderThanA3) {
  EXPECT_FALSE(is_large_format(842, 1191));  // A3
  EXPECT_FALSE(is_large_format(1191, 842));  // A3 landscape
  EXPECT_TRUE(is_large_format(1191, 1684));  // A2
  JobAnalysis analysis;
  analysis.pages = {PageInfo{false, 595, 842, "A4"}, PageInfo{true, 1191, 1684, "A2"}};
  EXPECT_TRUE(analysis.large_format());
  EXPECT_EQ(analysis.color_page_count(), 1);
  EXPECT_EQ(analysis.page_count(), 2);
}

TEST(PaperSizeTest, LooksUpByName) {
  ASSERT_TRUE(paper_by_name("letter").has_value());
  EXPECT_DOUBLE_EQ(paper_by_name("LETTER")->width_pt, 612);
  EXPECT_FALSE(paper_by_name("nonsense").has_value());
}

TEST(MethodTest, Names) {
  EXPECT_EQ(method_name(Method::kStructure), "structure");
  EXPECT_EQ(method_name(Method::kInkCoverage), "ink-coverage");
  EXPECT_EQ(method_name(Method::kHeuristic), "heuristic");
}

}  // namespace
}  // namespace printline::analysis
