#include "analysis/pdf_analyzer.h"

#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "test_pdf.h"

namespace printline::analysis {
namespace {

using testing::make_pdf;
using testing::stream_object;
using testing::TestPage;

Result<PdfStructure> analyze(const std::string& pdf) {
  return analyze_pdf_structure(std::span(pdf.data(), pdf.size()), "test.pdf");
}

std::vector<ColorEvidence> evidence_of(const std::vector<TestPage>& pages,
                                       const std::vector<std::string>& objects = {}) {
  auto result = analyze(make_pdf(pages, objects));
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? result->evidence : std::vector<ColorEvidence>{};
}

ColorEvidence page_evidence(const std::string& content, const std::string& resources = "<<>>",
                            const std::vector<std::string>& objects = {}) {
  auto evidence = evidence_of({TestPage{content, resources, ""}}, objects);
  return evidence.empty() ? ColorEvidence::kUndecided : evidence.front();
}

TEST(PdfAnalyzerTest, CountsPagesAndNamesPaper) {
  auto result =
      analyze(make_pdf({TestPage{"", "<<>>", ""}, TestPage{"", "<<>>", "/MediaBox [0 0 612 792]"},
                        TestPage{"", "<<>>", "/MediaBox [0 0 842 1191] /Rotate 90"},
                        TestPage{"", "<<>>", "/MediaBox [0 0 1191 1684]"}}));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const JobAnalysis& analysis = result->analysis;
  ASSERT_EQ(analysis.page_count(), 4);
  EXPECT_EQ(analysis.pages[0].paper, "A4");
  EXPECT_EQ(analysis.pages[1].paper, "Letter");
  EXPECT_EQ(analysis.pages[2].paper, "A3");
  EXPECT_DOUBLE_EQ(analysis.pages[2].width_pt, 1191);  // turned by /Rotate 90
  EXPECT_EQ(analysis.pages[3].paper, "A2");
  EXPECT_TRUE(analysis.large_format());
}

TEST(PdfAnalyzerTest, CropBoxLimitsThePage) {
  auto result =
      analyze(make_pdf({TestPage{"", "<<>>", "/MediaBox [0 0 842 1191] /CropBox [0 0 595 842]"}}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->analysis.pages[0].paper, "A4");
}

TEST(PdfAnalyzerTest, GreyAndColourOperators) {
  EXPECT_EQ(page_evidence("0.5 g 0 0 10 10 re f"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("0.3 0.3 0.3 rg 0 0 10 10 re f"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("1 0 0 rg 0 0 10 10 re f"), ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("0 0 1 RG 0 0 m 10 10 l S"), ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("0 0 0 0.7 k 0 0 10 10 re f"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("0.2 0 0 0 k 0 0 10 10 re f"), ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("/DeviceRGB cs 0 1 0 sc 0 0 10 10 re f"), ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("/DeviceRGB cs 0.2 0.2 0.2 scn 0 0 10 10 re f"), ColorEvidence::kGray);
}

TEST(PdfAnalyzerTest, ColourThatIsNeverPaintedDoesNotCount) {
  EXPECT_EQ(page_evidence("1 0 0 rg 0 g 0 0 10 10 re f"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("q 1 0 0 rg Q 0 0 10 10 re f"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("1 0 0 RG 0 0 10 10 re f"), ColorEvidence::kGray);     // stroke colour
  EXPECT_EQ(page_evidence("BT 3 Tr 1 0 0 rg (x) Tj ET"), ColorEvidence::kGray);  // invisible
  EXPECT_EQ(page_evidence("BT 1 0 0 rg (x) Tj ET"), ColorEvidence::kColor);
}

TEST(PdfAnalyzerTest, NamedColourSpaces) {
  std::string resources =
      "<< /ColorSpace << /Gr [/ICCBased 100 0 R] /Pal [/Indexed /DeviceRGB 1 <000000FFFFFF>] "
      "/RedPal [/Indexed /DeviceRGB 1 <000000FF0000>] /Spot [/Separation /Black /DeviceCMYK "
      "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >>] "
      "/Pantone [/Separation /PANTONE#20185 /DeviceCMYK << /FunctionType 2 /Domain [0 1] "
      "/C0 [0 0 0 0] /C1 [0 1 0.8 0] /N 1 >>] >> >>";
  std::vector<std::string> objects = {stream_object("/N 1", "")};
  EXPECT_EQ(page_evidence("/Gr cs 0.4 sc 0 0 1 1 re f", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/Pal cs 1 sc 0 0 1 1 re f", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/RedPal cs 0 sc 0 0 1 1 re f", resources, objects),
            ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/RedPal cs 1 sc 0 0 1 1 re f", resources, objects),
            ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("/Spot cs 1 sc 0 0 1 1 re f", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/Pantone cs 1 sc 0 0 1 1 re f", resources, objects),
            ColorEvidence::kColor);
}

TEST(PdfAnalyzerTest, ImagesAreInspected) {
  // 2x1 pixel images, uncompressed: grey RGB, colour RGB, DeviceGray, and a JPX-like unknown.
  const std::string kImage =
      "/Type /XObject /Subtype /Image /Width 2 /Height 1 /BitsPerComponent 8";
  std::vector<std::string> objects = {
      stream_object(kImage + " /ColorSpace /DeviceRGB", "\x10\x10\x10\x80\x80\x80"),
      stream_object(kImage + " /ColorSpace /DeviceRGB", std::string("\x10\x10\x10\xff\x00\x00", 6)),
      stream_object(kImage + " /ColorSpace /DeviceGray", "\x10\x80"),
      stream_object(kImage + " /Filter /JPXDecode", "\x10\x80"),
  };
  std::string resources =
      "<< /XObject << /Grey 100 0 R /Red 101 0 R /Mono 102 0 R /Jpx 103 0 R >> >>";
  EXPECT_EQ(page_evidence("/Grey Do", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/Red Do", resources, objects), ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("/Mono Do", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/Jpx Do", resources, objects), ColorEvidence::kUndecided);
}

TEST(PdfAnalyzerTest, InlineImagesAreDecoded) {
  EXPECT_EQ(page_evidence("BI /W 2 /H 1 /BPC 8 /CS /RGB /F /AHx ID 101010808080> EI"),
            ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("BI /W 2 /H 1 /BPC 8 /CS /RGB /F /AHx ID 101010FF0000> EI"),
            ColorEvidence::kColor);
  EXPECT_EQ(page_evidence("BI /W 2 /H 1 /BPC 8 /CS /G /F /AHx ID 1080> EI"), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("1 0 0 rg BI /W 8 /H 1 /IM true /F /AHx ID FF> EI"),
            ColorEvidence::kColor)
      << "a stencil mask paints in the fill colour";
}

TEST(PdfAnalyzerTest, FormsAreFollowedAndCyclesStop) {
  std::vector<std::string> objects = {
      stream_object("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << "
                    "/Self 100 0 R >> >>",
                    "/Self Do 0 0 1 1 re f"),
      stream_object("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", "0 1 0 rg 0 0 1 1 re f"),
  };
  std::string resources = "<< /XObject << /Loop 100 0 R /Green 101 0 R >> >>";
  EXPECT_EQ(page_evidence("1 0 0 rg /Loop Do", resources, objects), ColorEvidence::kColor)
      << "the form inherits the red fill colour";
  EXPECT_EQ(page_evidence("0 g /Loop Do", resources, objects), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/Green Do", resources, objects), ColorEvidence::kColor);
}

TEST(PdfAnalyzerTest, Shadings) {
  std::string resources =
      "<< /Shading << /GreyRamp << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] "
      "/Function << /FunctionType 2 /Domain [0 1] /C0 [0 0 0] /C1 [1 1 1] /N 1 >> >> "
      "/RedRamp << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << "
      "/FunctionType 2 /Domain [0 1] /C0 [1 0 0] /C1 [1 1 1] /N 1 >> >> >> >>";
  EXPECT_EQ(page_evidence("/GreyRamp sh", resources), ColorEvidence::kGray);
  EXPECT_EQ(page_evidence("/RedRamp sh", resources), ColorEvidence::kColor);
}

TEST(PdfAnalyzerTest, ViewerPreferencesGiveDuplexAndCopies) {
  std::string pdf = make_pdf({TestPage{}}, {},
                             "/ViewerPreferences << /Duplex /DuplexFlipLongEdge /NumCopies 3 >>");
  auto result = analyze(pdf);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->analysis.duplex, true);
  EXPECT_EQ(result->analysis.copies, 3);
}

TEST(PdfAnalyzerTest, TruncatedAndDamagedPdfsGiveErrors) {
  std::string pdf = make_pdf({TestPage{"1 0 0 rg 0 0 10 10 re f"}});
  for (size_t length : {size_t{10}, pdf.size() / 2, pdf.size() - 8}) {
    auto result = analyze(pdf.substr(0, length));
    ASSERT_FALSE(result.ok()) << "length " << length;
    EXPECT_NE(result.error().message.find("PDF"), std::string::npos);
  }
  auto garbage = analyze("%PDF-1.4\nthis is not a pdf at all\n%%EOF\n");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().message.find("damaged"), std::string::npos) << garbage.error().message;
}

TEST(PdfAnalyzerTest, PdfWithoutPagesIsAnError) {
  auto result = analyze(make_pdf({}));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("no pages"), std::string::npos);
}

TEST(PdfAnalyzerTest, UndecidedPagesWithoutGhostscriptCountAsColour) {
  std::vector<std::string> objects = {stream_object(
      "/Type /XObject /Subtype /Image /Width 2 /Height 1 /BitsPerComponent 8 /Filter /JPXDecode",
      "\x10\x80")};
  std::string pdf = make_pdf(
      {TestPage{"0 g 0 0 1 1 re f"}, TestPage{"/Jpx Do", "<< /XObject << /Jpx 100 0 R >> >>"}},
      objects);
  AnalyzeOptions options;
  options.allow_ghostscript = false;
  auto result = analyze_bytes(std::span(pdf.data(), pdf.size()), options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_FALSE(result->pages[0].color);
  EXPECT_TRUE(result->pages[1].color);
  EXPECT_EQ(result->color_method, Method::kHeuristic);
}

}  // namespace
}  // namespace printline::analysis
