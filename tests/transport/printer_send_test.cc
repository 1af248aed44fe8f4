// D11 with real peers: a RAW printer (socat) set to a language gets the PJL ticket followed by
// the document converted by real Ghostscript, which our analyser — and Ghostscript, where it
// reads the result — count as the expected mono pages; an option the printer cannot do is
// refused before anything is sent.

#include "transport/printer_send.h"

#include <gtest/gtest.h>

#include <fstream>

#include "analysis/analyze.h"
#include "analysis/ghostscript.h"
#include "analysis/pjl_header.h"
#include "analysis/test_pdf.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"
#include "transport/pjl.h"

namespace printline::transport {
namespace {

using model::PrinterLanguage;

// A colour PDF: every page a red square.
std::filesystem::path colour_pdf(const testing::TempDir& dir, int pages) {
  std::vector<analysis::testing::TestPage> list(
      pages, analysis::testing::TestPage("1 0 0 rg 100 100 300 300 re f"));
  auto path = dir.path() / "colour.pdf";
  std::ofstream(path, std::ios::binary) << analysis::testing::make_pdf(list);
  return path;
}

model::Printer raw_printer(const testing::RawSinkPeer& sink, PrinterLanguage language,
                           bool color, bool duplex) {
  model::Printer p;
  p.name = "floor1";
  p.device_uri = sink.uri();
  p.language = language;
  p.color = color;
  p.duplex = duplex;
  return p;
}

SendOptions options_for(const model::OptionList& ticket) {
  SendOptions options;
  options.job_uuid = "8f1c2a34-0000-4000-8000-000000000001";
  options.user = "alice";
  options.title = "report.pdf";
  options.ticket = model::apply_options({}, ticket).value();
  return options;
}

// What the sink got: the PJL in front (through the last ENTER LANGUAGE, as a printer reads
// it: our ticket, then gs's own header where its device writes one) and the document up to
// the next UEL.
struct Received {
  std::string pjl;
  std::string document;
  std::string language;
};

Received split(const std::string& received) {
  const auto header = analysis::parse_pjl_header(received);
  EXPECT_TRUE(header.language) << received.substr(0, 400);
  return {received.substr(0, header.payload_offset),
          received.substr(header.payload_offset, header.payload_end - header.payload_offset),
          header.language.value_or("")};
}

TEST(PrinterSend, APclXlPrinterGetsThePjlTicketAndMonoPclXlOfTheAskedPages) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pdf = colour_pdf(dir, 5);
  auto printer = raw_printer(sink, PrinterLanguage::kPclXl, true, true);
  auto result = send_to_printer(printer, sink.uri(), pdf,
                                options_for({{"sides", "two-sided-long-edge"},
                                             {"print-color-mode", "monochrome"},
                                             {"copies", "2"},
                                             {"media", "A4"},
                                             {"page-ranges", "2-4"}}));
  ASSERT_TRUE(result.delivered()) << result.message;

  const auto got = split(sink.received());
  EXPECT_TRUE(got.pjl.starts_with(std::string(kPjlUniversalExit) + "@PJL\r\n@PJL JOB NAME=")) << got.pjl;
  for (const char* line : {"@PJL SET USERNAME=\"alice\"", "@PJL SET DUPLEX=ON",
                           "@PJL SET BINDING=LONGEDGE", "@PJL SET RENDERMODE=GRAYSCALE",
                           "@PJL SET QTY=2", "@PJL SET PAPER=A4"}) {
    EXPECT_NE(got.pjl.find(line), std::string::npos) << line << " missing in\n" << got.pjl;
  }
  EXPECT_EQ(got.language, "PCLXL");
  auto analysed = analysis::analyze_bytes(got.document);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, analysis::DocumentFormat::kPclXl);
  EXPECT_EQ(analysed->page_count(), 3);  // pages 2-4
  EXPECT_EQ(analysed->color_page_count(), 0);
  // The whole stream, PJL included, is a PJL-wrapped PCL-XL job to our analyser as well.
  auto whole = analysis::analyze_bytes(sink.received());
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_TRUE(whole->pjl_wrapped);
  EXPECT_EQ(whole->page_count(), 3);
  EXPECT_EQ(whole->color_page_count(), 0);
}

TEST(PrinterSend, AMonoPostScriptPrinterGetsGreyPostScriptThatGhostscriptCountsToo) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pdf = colour_pdf(dir, 4);
  auto printer = raw_printer(sink, PrinterLanguage::kPostScript, false, false);
  auto result = send_to_printer(printer, sink.uri(), pdf, options_for({{"number-up", "2"}}));
  ASSERT_TRUE(result.delivered()) << result.message;

  const auto got = split(sink.received());
  EXPECT_NE(got.pjl.find("@PJL SET RENDERMODE=GRAYSCALE"), std::string::npos) << got.pjl;
  EXPECT_NE(got.pjl.find("@PJL ENTER LANGUAGE=POSTSCRIPT"), std::string::npos) << got.pjl;
  EXPECT_EQ(got.language, "POSTSCRIPT");
  const auto ps = dir.path() / "received.ps";
  std::ofstream(ps, std::ios::binary) << got.document;
  auto analysed = analysis::analyze_file(ps);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, analysis::DocumentFormat::kPostScript);
  EXPECT_EQ(analysed->page_count(), 2);  // 4 pages, 2 per side
  EXPECT_EQ(analysed->color_page_count(), 0);
  auto inks = analysis::ghostscript_ink_coverage(ps, std::chrono::seconds(60));
  ASSERT_TRUE(inks.ok()) << inks.error().message;
  ASSERT_EQ(inks->size(), 2u);
  for (const auto& ink : *inks) EXPECT_FALSE(ink.color());
}

// Ghostscript's pdfwrite ignores -sNupControl: the pages are laid out by pdftopdf first, the
// document's pages selected before they are put two per side (render/pdf_pages.h).
TEST(PrinterSend, APdfPrinterGetsTheAskedPagesTwoPerSide) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pdf = colour_pdf(dir, 5);
  auto printer = raw_printer(sink, PrinterLanguage::kPdf, true, false);
  auto result = send_to_printer(printer, sink.uri(), pdf,
                                options_for({{"page-ranges", "1-3"}, {"number-up", "2"}}));
  ASSERT_TRUE(result.delivered()) << result.message;
  const auto got = split(sink.received());
  EXPECT_EQ(got.language, "PDF");
  auto analysed = analysis::analyze_bytes(got.document);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, analysis::DocumentFormat::kPdf);
  EXPECT_EQ(analysed->page_count(), 2);  // pages 1-3, two per side
  EXPECT_EQ(analysed->pages.front().paper, "A4");
}

// A PostScript document gets its pages too, on a PostScript printer and on a PDF one:
// Ghostscript makes it PDF, pdftopdf lays out its pages, then it leaves in the printer's
// language.
TEST(PrinterSend, APostScriptDocumentGetsTheAskedPagesTwoPerSide) {
  testing::TempDir dir("printline-printer-send");
  const auto ps = dir.path() / "five.ps";
  std::ofstream(ps, std::ios::binary)
      << analysis::testing::make_postscript(5, "0 0 1 setrgbcolor 100 100 300 300 rectfill");
  for (const auto language : {PrinterLanguage::kPostScript, PrinterLanguage::kPdf}) {
    testing::RawSinkPeer sink;
    auto printer = raw_printer(sink, language, true, false);
    auto result = send_to_printer(printer, sink.uri(), ps,
                                  options_for({{"page-ranges", "1-3"}, {"number-up", "2"}}));
    ASSERT_TRUE(result.delivered()) << result.message;
    const auto got = split(sink.received());
    const auto received = dir.path() / "received";
    std::ofstream(received, std::ios::binary) << got.document;
    auto analysed = analysis::analyze_file(received);
    ASSERT_TRUE(analysed.ok()) << analysed.error().message;
    EXPECT_EQ(analysed->format, language == PrinterLanguage::kPdf
                                    ? analysis::DocumentFormat::kPdf
                                    : analysis::DocumentFormat::kPostScript);
    EXPECT_EQ(analysed->page_count(), 2) << got.language;  // pages 1-3, two per side
  }
}

TEST(PrinterSend, WhatThePrinterCannotDoIsRefusedAndNothingIsSent) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pdf = colour_pdf(dir, 2);
  auto printer = raw_printer(sink, PrinterLanguage::kPclXl, false, false);
  printer.name = "floor1-mono";
  printer.paper_sizes = {model::PaperSize::kA4};

  auto a3 = send_to_printer(printer, sink.uri(), pdf, options_for({{"media", "A3"}}));
  EXPECT_EQ(a3.outcome, Outcome::kRejectedByDevice);
  EXPECT_TRUE(a3.message.starts_with("floor1-mono cannot print on A3")) << a3.message;
  auto duplex = send_to_printer(printer, sink.uri(), pdf, options_for({{"sides", "two-sided-long-edge"}}));
  EXPECT_EQ(duplex.outcome, Outcome::kRejectedByDevice);
  EXPECT_NE(duplex.message.find("cannot print two-sided"), std::string::npos) << duplex.message;
  auto staple = send_to_printer(printer, sink.uri(), pdf, options_for({{"finishings", "staple"}}));
  EXPECT_EQ(staple.outcome, Outcome::kRejectedByDevice);
  EXPECT_TRUE(staple.message.starts_with("floor1-mono cannot finish with staple")) << staple.message;
  EXPECT_EQ(a3.bytes_sent + duplex.bytes_sent + staple.bytes_sent, 0u);

  // Colour asked of a mono printer is not refused: it prints grey.
  auto colour = send_to_printer(printer, sink.uri(), pdf, options_for({{"print-color-mode", "color"}}));
  ASSERT_TRUE(colour.delivered()) << colour.message;
  auto analysed = analysis::analyze_bytes(split(sink.received()).document);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->color_page_count(), 0);
}

TEST(PrinterSend, ADocumentAlreadyInTheLanguageWithNothingAskedGoesAsItIs) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pdf = colour_pdf(dir, 2);
  auto printer = raw_printer(sink, PrinterLanguage::kAuto, true, false);
  auto result = send_to_printer(printer, sink.uri(), pdf, options_for({}));
  ASSERT_TRUE(result.delivered()) << result.message;
  std::ifstream in(pdf, std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(sink.received(), original);
}

TEST(PrinterSend, ADocumentGhostscriptCannotReadForAnotherLanguageIsRefused) {
  testing::TempDir dir("printline-printer-send");
  testing::RawSinkPeer sink;
  const auto pcl = dir.path() / "job.pcl";
  std::ofstream(pcl, std::ios::binary) << "\x1b" "E\x1b&l26A hello\x0c\x1b" "E";
  auto printer = raw_printer(sink, PrinterLanguage::kPostScript, true, false);
  auto result = send_to_printer(printer, sink.uri(), pcl, options_for({}));
  EXPECT_EQ(result.outcome, Outcome::kFormatNotSupported);
  EXPECT_NE(result.message.find("floor1 speaks PostScript"), std::string::npos) << result.message;
  EXPECT_EQ(sink.received(), "");
}

}  // namespace
}  // namespace printline::transport
