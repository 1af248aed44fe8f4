#include "analysis/document_format.h"

#include <gtest/gtest.h>

#include <string>

namespace printline::analysis {
namespace {

DetectedFormat detect(const std::string& head) {
  return detect_format(std::span(head.data(), head.size()));
}

TEST(DocumentFormatTest, DetectsEachFormat) {
  EXPECT_EQ(detect("%PDF-1.7\n").format, DocumentFormat::kPdf);
  EXPECT_EQ(detect("%!PS-Adobe-3.0\n").format, DocumentFormat::kPostScript);
  EXPECT_EQ(detect("\x04%!PS\n").format, DocumentFormat::kPostScript);
  EXPECT_EQ(detect(") HP-PCL XL;2;0\n").format, DocumentFormat::kPclXl);
  EXPECT_EQ(detect("\x1b"
                   "E\x1b&l26A")
                .format,
            DocumentFormat::kPcl5);
  EXPECT_EQ(detect("Hello\nworld\n\f").format, DocumentFormat::kText);
  EXPECT_EQ(detect(std::string("\x7f"
                               "ELF\x02\x01\x01\0\0\0",
                               10))
                .format,
            DocumentFormat::kUnknown);
  EXPECT_EQ(detect("").format, DocumentFormat::kUnknown);
  EXPECT_FALSE(detect("%PDF-1.7\n").pjl_wrapped);
}

TEST(DocumentFormatTest, DetectsPjlWrappedFormats) {
  auto by_language = detect("\x1b%-12345X@PJL ENTER LANGUAGE = PCLXL\n) HP-PCL XL;2;0\n");
  EXPECT_EQ(by_language.format, DocumentFormat::kPclXl);
  EXPECT_TRUE(by_language.pjl_wrapped);
  auto by_content = detect("\x1b%-12345X@PJL JOB\n%PDF-1.4\n");
  EXPECT_EQ(by_content.format, DocumentFormat::kPdf);
  EXPECT_TRUE(by_content.pjl_wrapped);
  EXPECT_EQ(detect("\x1b%-12345X@PJL ENTER LANGUAGE=POSTSCRIPT\n%!PS\n").format,
            DocumentFormat::kPostScript);
  EXPECT_EQ(detect("\x1b%-12345X@PJL ENTER LANGUAGE=PCL\n\x1b"
                   "E")
                .format,
            DocumentFormat::kPcl5);
  EXPECT_EQ(detect("\x1b%-12345X@PJL ENTER LANGUAGE=PDF\n%PDF-1.4").format, DocumentFormat::kPdf);
}

TEST(DocumentFormatTest, NamesAndMimeTypes) {
  EXPECT_EQ(format_name(DocumentFormat::kPclXl), "pcl-xl");
  EXPECT_EQ(format_name(DocumentFormat::kUnknown), "unknown");
  EXPECT_EQ(format_mime_type(DocumentFormat::kPdf), "application/pdf");
  EXPECT_EQ(format_mime_type(DocumentFormat::kPostScript), "application/postscript");
  EXPECT_EQ(format_mime_type(DocumentFormat::kPclXl), "application/vnd.hp-PCLXL");
  EXPECT_EQ(format_mime_type(DocumentFormat::kPcl5), "application/vnd.hp-PCL");
  EXPECT_EQ(format_mime_type(DocumentFormat::kText), "text/plain");
  EXPECT_EQ(format_mime_type(DocumentFormat::kUnknown), "application/octet-stream");
}

}  // namespace
}  // namespace printline::analysis
