// Rendering for the printer (D11) with real Ghostscript: what each printer language gets, read
// from the conversion's pipe and counted by our analyser; Ghostscript counts what it can read
// back (PDF, PostScript).

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "analysis/analyze.h"
#include "analysis/ghostscript.h"
#include "analysis/test_pdf.h"
#include "render/ghostscript_stream.h"
#include "render/pdf_pages.h"
#include "render/render_plan.h"
#include "support/temp_dir.h"

namespace printline::render {
namespace {

using analysis::DocumentFormat;
using model::PrinterLanguage;

model::Printer printer(PrinterLanguage language, bool color) {
  model::Printer p;
  p.name = "floor1";
  p.device_uri = "socket://127.0.0.1:9100";
  p.language = language;
  p.color = color;
  return p;
}

model::JobTicket ticket(const model::OptionList& options) {
  return model::apply_options({}, options).value();
}

bool has(const std::vector<std::string>& args, const std::string& arg) {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

// A colour PDF: each page a red square.
std::string colour_pdf(int pages) {
  std::vector<analysis::testing::TestPage> list(
      pages, analysis::testing::TestPage("1 0 0 rg 100 100 300 300 re f"));
  return analysis::testing::make_pdf(list);
}

std::string write_file(const testing::TempDir& dir, const std::string& name,
                       const std::string& content) {
  auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

// Runs the plan's gs command and reads the pipe to its end.
std::string convert(const RenderPlan& plan, const std::string& document) {
  auto stream = GhostscriptStream::start(ghostscript_command(plan, document));
  EXPECT_TRUE(stream.ok()) << (stream.ok() ? "" : stream.error().message);
  if (!stream.ok()) return "";
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t n = read((*stream)->output_fd(), buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  auto error = (*stream)->finish();
  EXPECT_FALSE(error) << error->message;
  return out;
}

TEST(RenderPlan, ADocumentInThePrintersLanguageWithNothingToApplyGoesAsItIs) {
  auto plan = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPdf, true), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->convert);
  EXPECT_EQ(plan->document_format, "application/pdf");
  // A mono printer cannot print colour anyway: nothing to apply either.
  plan = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPdf, false), {});
  EXPECT_FALSE(plan->convert);
  plan = plan_render(DocumentFormat::kPclXl, printer(PrinterLanguage::kAuto, true), {});
  EXPECT_FALSE(plan->convert);
  EXPECT_EQ(plan->document_format, "application/vnd.hp-pclxl");
}

TEST(RenderPlan, EachLanguageGetsItsGhostscriptDevice) {
  auto mono = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPclXl, false), {});
  EXPECT_TRUE(mono->convert);
  EXPECT_TRUE(has(mono->device_arguments, "-sDEVICE=pxlmono"));
  auto colour = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPclXl, true), {});
  EXPECT_TRUE(has(colour->device_arguments, "-sDEVICE=pxlcolor"));
  auto grey = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPclXl, true),
                          ticket({{"print-color-mode", "monochrome"}}));
  EXPECT_TRUE(has(grey->device_arguments, "-sDEVICE=pxlmono"));
  auto ps = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPostScript, true),
                        ticket({{"print-color-mode", "monochrome"}}));
  EXPECT_TRUE(has(ps->device_arguments, "-sDEVICE=ps2write"));
  EXPECT_TRUE(has(ps->device_arguments, "-sColorConversionStrategy=Gray"));
  EXPECT_TRUE(has(ps->device_arguments, "-dProcessColorModel=/DeviceGray"));
  // Page ranges and number-up are not the plan's: pdftopdf applies them before (pdf_pages.h).
  auto pdf = plan_render(DocumentFormat::kPostScript, printer(PrinterLanguage::kPdf, true),
                         ticket({{"page-ranges", "2-3"}, {"number-up", "4"}}));
  EXPECT_EQ(pdf->device_arguments, std::vector<std::string>{"-sDEVICE=pdfwrite"});
  auto pcl = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPcl5, false), {});
  EXPECT_TRUE(has(pcl->device_arguments, "-sDEVICE=ljet4"));
  EXPECT_EQ(pjl_language_name(pcl->language), "PCL");
}

TEST(RenderPlan, ALanguageGhostscriptCannotReadIsRefusedNamingThePrinter) {
  auto plan = plan_render(DocumentFormat::kPclXl, printer(PrinterLanguage::kPostScript, true), {});
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("floor1 speaks PostScript"), std::string::npos)
      << plan.error().message;
}

TEST(GhostscriptStream, AColourPdfBecomesMonoPclXlOfTheRangesPages) {
  testing::TempDir dir("printline-render");
  const auto pdf = write_file(dir, "colour.pdf", colour_pdf(3));
  // The pages first (pdf_pages.h), then the conversion of what they left, as printer_send does.
  const auto asked = ticket({{"page-ranges", "1-2"}});
  TemporaryFile paged;
  auto failed = apply_pages(asked, pdf, DocumentFormat::kPdf, paged);
  ASSERT_FALSE(failed) << failed->message;
  auto plan = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPclXl, false), asked);
  ASSERT_TRUE(plan.ok());
  const std::string pxl = convert(*plan, paged.path().string());
  auto analysed = analysis::analyze_bytes(pxl);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, DocumentFormat::kPclXl);
  EXPECT_EQ(analysed->page_count(), 2);
  EXPECT_EQ(analysed->color_page_count(), 0);
}

TEST(GhostscriptStream, MonochromeOnAColourPostScriptPrinterIsGreyForGhostscriptToo) {
  testing::TempDir dir("printline-render");
  const auto pdf = write_file(dir, "colour.pdf", colour_pdf(4));
  auto plan = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPostScript, true),
                          ticket({{"print-color-mode", "monochrome"}}));
  ASSERT_TRUE(plan.ok());
  const auto ps = write_file(dir, "out.ps", convert(*plan, pdf));
  auto analysed = analysis::analyze_file(ps);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, DocumentFormat::kPostScript);
  EXPECT_EQ(analysed->page_count(), 4);
  EXPECT_EQ(analysed->color_page_count(), 0);
  auto inks = analysis::ghostscript_ink_coverage(ps, std::chrono::seconds(60));
  ASSERT_TRUE(inks.ok()) << inks.error().message;
  ASSERT_EQ(inks->size(), 4u);
  for (const auto& ink : *inks) EXPECT_FALSE(ink.color());
}

// Ghostscript's pdfwrite ignores -sNupControl; pdftopdf is what applies a PDF's pages.
TEST(PdfPages, PdftopdfAppliesPageRangesThenNumberUpOnTheSheetAsked) {
  testing::TempDir dir("printline-render");
  const auto pdf = write_file(dir, "five.pdf", colour_pdf(5));
  struct Case {
    model::OptionList options;
    int pages;
  };
  for (const Case& c : {Case{{{"page-ranges", "1-3"}, {"number-up", "2"}}, 2},
                        Case{{{"number-up", "4"}}, 2}, Case{{{"page-ranges", "2,4-5"}}, 3}}) {
    const auto asked = ticket(c.options);
    const std::string what = model::format_page_ranges(asked.page_ranges) + " n-up " +
                             std::to_string(asked.number_up);
    ASSERT_TRUE(asks_pages(asked));
    // Each pass reads what the one before wrote, as transport/printer_send.cc does.
    std::string input = pdf;
    std::string out;
    int pass_number = 0;
    for (const auto& pass : pdftopdf_passes(asked)) {
      auto stream = GhostscriptStream::start(pdftopdf_command(pass, model::PaperSize::kA4, input));
      ASSERT_TRUE(stream.ok()) << stream.error().message;
      out.clear();
      char buffer[65536];
      for (ssize_t n; (n = ::read((*stream)->output_fd(), buffer, sizeof buffer)) > 0;) {
        out.append(buffer, static_cast<std::size_t>(n));
      }
      EXPECT_FALSE((*stream)->finish().has_value()) << what;
      input = write_file(dir, "pass" + std::to_string(++pass_number) + ".pdf", out);
    }
    auto result = analysis::analyze_bytes(out);
    ASSERT_TRUE(result.ok()) << what << ": " << result.error().message;
    EXPECT_EQ(result->format, DocumentFormat::kPdf) << what;
    EXPECT_EQ(result->page_count(), c.pages) << what;
    EXPECT_EQ(result->pages.front().paper, "A4") << what;  // portrait or landscape
  }
  EXPECT_FALSE(asks_pages(ticket({})));
  EXPECT_TRUE(pdftopdf_passes(ticket({})).empty());
}

// A PostScript document is made PDF by Ghostscript, then gets its pages as a PDF does.
TEST(PdfPages, APostScriptDocumentGetsItsPagesAsAPdf) {
  testing::TempDir dir("printline-render");
  const auto ps = write_file(
      dir, "five.ps",
      analysis::testing::make_postscript(5, "1 0 0 setrgbcolor 100 100 300 300 rectfill"));
  TemporaryFile paged;
  auto failed = apply_pages(ticket({{"page-ranges", "1-3"}, {"number-up", "2"}}), ps,
                            DocumentFormat::kPostScript, paged);
  ASSERT_FALSE(failed) << failed->message;
  auto result = analysis::analyze_file(paged.path());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->format, DocumentFormat::kPdf);
  EXPECT_EQ(result->page_count(), 2);  // pages 1-3, two per side
  // A language Ghostscript cannot read is refused, saying so.
  const auto pcl = write_file(dir, "one.pcl", "\x1b" "E" "text\f" "\x1b" "E");
  TemporaryFile unpaged;
  auto refused = apply_pages(ticket({{"number-up", "2"}}), pcl, DocumentFormat::kPcl5, unpaged);
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->message.find("PDF and PostScript"), std::string::npos) << refused->message;
}

TEST(GhostscriptStream, AFailedConversionSaysWhy) {
  testing::TempDir dir("printline-render");
  const auto bad = write_file(dir, "bad.ps", "%!PS\nthis-is-not-an-operator\nshowpage\n");
  auto plan = plan_render(DocumentFormat::kPostScript, printer(PrinterLanguage::kPclXl, false), {});
  auto stream = GhostscriptStream::start(ghostscript_command(*plan, bad));
  ASSERT_TRUE(stream.ok());
  char buffer[4096];
  while (read((*stream)->output_fd(), buffer, sizeof buffer) > 0) {
  }
  auto error = (*stream)->finish();
  ASSERT_TRUE(error);
  EXPECT_NE(error->message.find("Ghostscript could not convert"), std::string::npos);
  EXPECT_NE(error->message.find("undefined"), std::string::npos) << error->message;
}

TEST(GhostscriptStream, StoppingHalfWayKillsTheConversion) {
  testing::TempDir dir("printline-render");
  const auto pdf = write_file(dir, "colour.pdf", colour_pdf(50));
  auto plan = plan_render(DocumentFormat::kPdf, printer(PrinterLanguage::kPclXl, true), {});
  auto stream = GhostscriptStream::start(ghostscript_command(*plan, pdf));
  ASSERT_TRUE(stream.ok());
  char buffer[16];
  ASSERT_GT(read((*stream)->output_fd(), buffer, sizeof buffer), 0);
  stream->reset();  // the destructor kills and reaps gs; nothing is left running
}

}  // namespace
}  // namespace printline::render
