#include "analysis/text_pages.h"

#include <gtest/gtest.h>

#include <string>

namespace printline::analysis {
namespace {

int pages(const std::string& text) { return analyze_text(text, *paper_by_name("A4")).page_count(); }

std::string lines(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "line\n";
  return out;
}

TEST(TextPagesTest, FormFeedsAndSixtySixLines) {
  EXPECT_EQ(pages("hello"), 1);
  EXPECT_EQ(pages("one\fone"), 2);
  EXPECT_EQ(pages("one\f"), 1) << "a trailing form feed adds no page";
  EXPECT_EQ(pages(lines(66)), 1);
  EXPECT_EQ(pages(lines(67)), 2);
  EXPECT_EQ(pages(lines(132) + "\f" + lines(1)), 3);
  auto analysis = analyze_text("x", *paper_by_name("Letter"));
  EXPECT_EQ(analysis.pages[0].paper, "Letter");
  EXPECT_EQ(analysis.color_page_count(), 0);
  EXPECT_EQ(analysis.page_count_method, Method::kHeuristic);
}

}  // namespace
}  // namespace printline::analysis
