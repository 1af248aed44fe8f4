#include "analysis/pclxl_parser.h"

#include <gtest/gtest.h>

#include "test_pclxl.h"

namespace printline::analysis {
namespace {

using testing::PclXlBuilder;

constexpr uint8_t kLetter = 0, kA4 = 2, kA3 = 5;
constexpr uint8_t kGray = 1, kRgb = 2;

TEST(PclXlParserTest, PagesColourPaperDuplexCopies) {
  PclXlBuilder job;
  job.begin_session()
      .begin_page(kA4, true)
      .color_space(kRgb)
      .rgb_brush(255, 0, 0)
      .end_page(2)
      .begin_page(kA3, true)
      .color_space(kRgb)
      .rgb_brush(90, 90, 90)
      .end_page(2)
      .begin_page(kLetter, true)
      .color_space(kGray)
      .gray_brush(10)
      .end_page(2)
      .end_session();
  auto result = analyze_pclxl(job.bytes());
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->page_count(), 3);
  EXPECT_TRUE(result->pages[0].color);
  EXPECT_FALSE(result->pages[1].color) << "RGB with equal components is grey";
  EXPECT_FALSE(result->pages[2].color);
  EXPECT_EQ(result->pages[0].paper, "A4");
  EXPECT_EQ(result->pages[1].paper, "A3");
  EXPECT_EQ(result->pages[2].paper, "Letter");
  EXPECT_EQ(result->duplex, true);
  EXPECT_EQ(result->copies, 2);
  EXPECT_EQ(result->page_count_method, Method::kStructure);
}

TEST(PclXlParserTest, SimplexAndEmbeddedDataAreSkipped) {
  PclXlBuilder job;
  job.begin_session().begin_page(kA4).data(std::string("\x43\x44\x43", 3)).end_page().end_session();
  auto result = analyze_pclxl(job.bytes());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->page_count(), 1) << "operator bytes inside data are not operators";
  EXPECT_EQ(result->duplex, false);
  EXPECT_FALSE(result->copies.has_value());
}

TEST(PclXlParserTest, MediaSizeByName) {
  PclXlBuilder job;
  job.begin_session().ubyte_array({'A', '3'}).attr(37).op(0x43).end_page().end_session();
  auto result = analyze_pclxl(job.bytes());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->pages[0].paper, "A3");
}

TEST(PclXlParserTest, TruncatedStreamsAreErrors) {
  PclXlBuilder job;
  job.begin_session().begin_page(kA4).color_space(kRgb).rgb_brush(1, 2, 3).end_page().end_session();
  const std::string& bytes = job.bytes();
  for (size_t length = 0; length < bytes.size(); ++length) {
    auto result = analyze_pclxl(bytes.substr(0, length));
    EXPECT_FALSE(result.ok()) << "length " << length;
  }
  EXPECT_TRUE(analyze_pclxl(bytes).ok());
}

TEST(PclXlParserTest, MalformedStreamsAreErrors) {
  EXPECT_FALSE(analyze_pclxl("not pcl-xl").ok());
  PclXlBuilder end_without_begin;
  end_without_begin.begin_session().end_page().end_session();
  auto result = analyze_pclxl(end_without_begin.bytes());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("EndPage"), std::string::npos);
  PclXlBuilder bad_tag;
  bad_tag.begin_session().raw({0xff}).end_session();
  EXPECT_FALSE(analyze_pclxl(bad_tag.bytes()).ok());
  PclXlBuilder huge_array;
  huge_array.begin_session().raw({0xc8, 0xc1, 0xff, 0xff, 0x01});
  EXPECT_FALSE(analyze_pclxl(huge_array.bytes()).ok());
}

TEST(PclXlParserTest, StreamWithoutPagesIsAnError) {
  PclXlBuilder job;
  job.begin_session().end_session();
  EXPECT_FALSE(analyze_pclxl(job.bytes()).ok());
}

}  // namespace
}  // namespace printline::analysis
