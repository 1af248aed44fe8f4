#include "analysis/analyze.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/analysis_json.h"
#include "test_pclxl.h"
#include "test_pdf.h"

namespace printline::analysis {
namespace {

AnalyzeOptions without_ghostscript() {
  AnalyzeOptions options;
  options.allow_ghostscript = false;
  return options;
}

Result<JobAnalysis> analyze(const std::string& data,
                            AnalyzeOptions options = without_ghostscript()) {
  return analyze_bytes(std::span(data.data(), data.size()), options);
}

const std::string kPjl = "\x1b%-12345X@PJL JOB NAME=\"t\"\n@PJL SET COPIES=2\n@PJL SET DUPLEX=ON\n";
const std::string kUel = "\x1b%-12345X@PJL EOJ\n\x1b%-12345X";

TEST(AnalyzeTest, EmptyAndMissingFilesAreClearErrors) {
  auto empty = analyze("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);
  auto missing = analyze_file("/nonexistent/printline-job.pdf", without_ghostscript());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("Cannot open"), std::string::npos);
  auto folder = analyze_file(std::filesystem::temp_directory_path(), without_ghostscript());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().message.find("folder"), std::string::npos);
}

TEST(AnalyzeTest, UnknownFormatIsAnError) {
  auto result =
      analyze(std::string("\x7f"
                          "ELF\x02\x01\x01\0\0\0\0\0",
                          12));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("not recognised"), std::string::npos);
}

TEST(AnalyzeTest, PjlWrappedPdf) {
  std::string pdf =
      testing::make_pdf({testing::TestPage{"1 0 0 rg 0 0 9 9 re f"}, testing::TestPage{}});
  auto result = analyze(kPjl + "@PJL ENTER LANGUAGE=PDF\n" + pdf + kUel);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPdf);
  EXPECT_TRUE(result->pjl_wrapped);
  EXPECT_EQ(result->page_count(), 2);
  EXPECT_EQ(result->color_page_count(), 1);
  EXPECT_EQ(result->copies, 2);
  EXPECT_EQ(result->duplex, true);
}

TEST(AnalyzeTest, PjlGrayscaleMakesEveryPageMono) {
  testing::PclXlBuilder job;
  job.begin_session().begin_page(2).color_space(2).rgb_brush(255, 0, 0).end_page(3).end_session();
  auto result = analyze(kPjl + "@PJL SET RENDERMODE=GRAYSCALE\n@PJL ENTER LANGUAGE=PCLXL\n" +
                        job.bytes() + kUel);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPclXl);
  EXPECT_EQ(result->color_page_count(), 0);
  EXPECT_EQ(result->color_method, Method::kPjl);
  EXPECT_EQ(result->copies, 3) << "the document's PageCopies wins over PJL COPIES";
}

TEST(AnalyzeTest, PjlHeaderWithoutDocumentIsAnError) {
  auto result = analyze(kPjl + "@PJL ENTER LANGUAGE=PCLXL\n");
  ASSERT_FALSE(result.ok());
}

TEST(AnalyzeTest, PostScriptByDscWithoutGhostscript) {
  auto result = analyze(
      "%!PS-Adobe-3.0\n%%Pages: 2\n%%DocumentProcessColors: Black\n%%EndComments\n"
      "%%Page: 1 1\nshowpage\n%%Page: 2 2\nshowpage\n%%EOF\n");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->page_count(), 2);
  EXPECT_EQ(result->page_count_method, Method::kDsc);
  EXPECT_EQ(result->color_method, Method::kDsc);
  EXPECT_EQ(result->color_page_count(), 0);
}

TEST(AnalyzeTest, TruncatedPostScriptIsAnError) {
  auto result = analyze("%!PS-Adobe-3.0\n%%Pages: 3\n%%EndComments\n%%Page: 1 1\nshowpage\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("incomplete"), std::string::npos);
}

TEST(AnalyzeTest, TextUsesTheDefaultPaperOrPjlPaper) {
  auto text = analyze("hello\fworld\n");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->format, DocumentFormat::kText);
  EXPECT_EQ(text->page_count(), 2);
  EXPECT_EQ(text->pages[0].paper, "A4");
  auto letter = analyze("\x1b%-12345X@PJL SET PAPER=LETTER\n@PJL ENTER LANGUAGE=PCL\nhi\f" + kUel);
  ASSERT_TRUE(letter.ok()) << letter.error().message;
  EXPECT_EQ(letter->format, DocumentFormat::kPcl5);
  EXPECT_EQ(letter->pages[0].paper, "Letter");
}

TEST(AnalyzeTest, AnalyzesFiles) {
  auto path = std::filesystem::temp_directory_path() / "printline-analyze-test.pdf";
  {
    std::ofstream out(path, std::ios::binary);
    out << testing::make_pdf({testing::TestPage{}});
  }
  auto result = analyze_file(path, without_ghostscript());
  std::filesystem::remove(path);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->page_count(), 1);
}

TEST(AnalyzeTest, JsonCarriesEveryField) {
  JobAnalysis analysis;
  analysis.format = DocumentFormat::kPdf;
  analysis.pages = {PageInfo{true, 595, 842, "A4"}};
  analysis.copies = 2;
  nlohmann::json json = to_json(analysis);
  EXPECT_EQ(json["format"], "pdf");
  EXPECT_EQ(json["mime_type"], "application/pdf");
  EXPECT_EQ(json["page_count"], 1);
  EXPECT_EQ(json["color_page_count"], 1);
  EXPECT_EQ(json["copies"], 2);
  EXPECT_TRUE(json["duplex"].is_null());
  EXPECT_EQ(json["pages"][0]["paper"], "A4");
  EXPECT_EQ(json["color_method"], "structure");
}

}  // namespace
}  // namespace printline::analysis
