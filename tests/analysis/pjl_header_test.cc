#include "analysis/pjl_header.h"

#include <gtest/gtest.h>

namespace printline::analysis {
namespace {

TEST(PjlHeaderTest, ReadsSettingsAndFindsThePayload) {
  std::string job =
      "\x1b%-12345X@PJL JOB NAME=\"report\"\r\n@PJL SET COPIES = 3\r\n@PJL SET DUPLEX=ON\n"
      "@PJL SET PAPER=A3\n@PJL SET RENDERMODE=GRAYSCALE\n@PJL ENTER LANGUAGE = PostScript\n"
      "%!PS\nshowpage\n\x1b%-12345X@PJL EOJ\n\x1b%-12345X";
  PjlHeader pjl = parse_pjl_header(job);
  EXPECT_EQ(pjl.language, "POSTSCRIPT");
  EXPECT_EQ(pjl.copies, 3);
  EXPECT_EQ(pjl.duplex, true);
  EXPECT_EQ(pjl.paper, "A3");
  EXPECT_EQ(pjl.grayscale, true);
  EXPECT_EQ(job.substr(pjl.payload_offset, pjl.payload_end - pjl.payload_offset),
            "%!PS\nshowpage\n");
}

TEST(PjlHeaderTest, QuantityAndDuplexOff) {
  PjlHeader pjl =
      parse_pjl_header("@PJL SET QTY=2\n@PJL SET DUPLEX=OFF\n@PJL ENTER LANGUAGE=PCL\n");
  EXPECT_EQ(pjl.copies, 2);
  EXPECT_EQ(pjl.duplex, false);
  EXPECT_EQ(pjl.language, "PCL");
}

TEST(PjlHeaderTest, WithoutEnterLanguageThePayloadStartsAfterTheLastPjlLine) {
  std::string job = "\x1b%-12345X@PJL SET COPIES=abc\n%PDF-1.4\n";
  PjlHeader pjl = parse_pjl_header(job);
  EXPECT_FALSE(pjl.language.has_value());
  EXPECT_FALSE(pjl.copies.has_value()) << "a bad number is ignored";
  EXPECT_EQ(job.substr(pjl.payload_offset), "%PDF-1.4\n");
}

TEST(PjlHeaderTest, TruncatedHeaderIsHarmless) {
  for (std::string job : {"\x1b%-12345X", "\x1b%-12345X@PJL", "@PJL SET COPIES=", "@PJL ENTER"}) {
    PjlHeader pjl = parse_pjl_header(job);
    EXPECT_LE(pjl.payload_offset, job.size());
    EXPECT_LE(pjl.payload_end, job.size());
  }
}

}  // namespace
}  // namespace printline::analysis
