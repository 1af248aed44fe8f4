#include "analysis/postscript_dsc.h"

#include <gtest/gtest.h>

namespace printline::analysis {
namespace {

TEST(PostScriptDscTest, TrustworthyComments) {
  DscSummary dsc = read_dsc(
      "%!PS-Adobe-3.0\n%%Pages: 2\n%%DocumentMedia: A3 842 1191 0 () ()\n%%EndComments\n"
      "%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage\n%%Trailer\n%%EOF\n");
  EXPECT_TRUE(dsc.trustworthy());
  ASSERT_EQ(dsc.pages.size(), 2u);
  EXPECT_EQ(dsc.pages[0].paper, "A3");
}

TEST(PostScriptDscTest, PagesAtEnd) {
  DscSummary dsc = read_dsc(
      "%!PS-Adobe-3.0\n%%Pages: (atend)\n%%EndComments\n%%Page: 1 1\nshowpage\n"
      "%%Trailer\n%%Pages: 1\n%%EOF\n");
  EXPECT_TRUE(dsc.trustworthy());
  EXPECT_EQ(dsc.declared_pages, 1);
}

TEST(PostScriptDscTest, InconsistentOrMissingCommentsAreNotTrusted) {
  EXPECT_FALSE(read_dsc("%!PS-Adobe-3.0\n%%Pages: 3\n%%Page: 1 1\n%%EOF\n").trustworthy());
  EXPECT_FALSE(read_dsc("%!PS\nshowpage\n").trustworthy());
  EXPECT_FALSE(read_dsc("%!PS-Adobe-3.0\n%%Pages: 1\n%%Page: 1 1\n").trustworthy())
      << "no %%EOF: cut short";
}

TEST(PostScriptDscTest, EmbeddedDocumentsDoNotAddPages) {
  DscSummary dsc = read_dsc(
      "%!PS-Adobe-3.0\n%%Pages: 1\n%%Page: 1 1\n%%BeginDocument: logo.eps\n%!PS-Adobe-3.0 EPSF\n"
      "%%Page: 1 1\n%%EndDocument\nshowpage\n%%EOF\n");
  EXPECT_EQ(dsc.page_markers, 1);
  EXPECT_TRUE(dsc.trustworthy());
}

TEST(PostScriptDscTest, PageDeviceRequests) {
  DscSummary dsc = read_dsc(
      "%!PS-Adobe-3.0\n%%Pages: 1\n%%BoundingBox: 0 0 612 792\n"
      "%%BeginFeature: *Duplex DuplexNoTumble\n<</Duplex true /Tumble false>> setpagedevice\n"
      "%%EndFeature\n<< /NumCopies 4 >> setpagedevice\n%%DocumentProcessColors: Black\n"
      "%%Page: 1 1\nshowpage\n%%EOF\n");
  EXPECT_EQ(dsc.duplex, true);
  EXPECT_EQ(dsc.copies, 4);
  EXPECT_EQ(dsc.process_colors_black_only, true);
  EXPECT_EQ(dsc.pages[0].paper, "Letter");
}

TEST(PostScriptDscTest, PageSizeRequestGivesThePaper) {
  DscSummary dsc = read_dsc(
      "%!PS-Adobe-3.0\n%%Pages: 1\n<< /PageSize [595 842] >> setpagedevice\n%%Page: 1 1\n"
      "showpage\n%%EOF\n");
  EXPECT_EQ(dsc.pages[0].paper, "A4");
}

}  // namespace
}  // namespace printline::analysis
