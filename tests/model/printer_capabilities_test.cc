// Printer languages and capabilities (D11): what a printer is refused, what it is not, and the
// JSON the API and the store carry.

#include "model/printer_capabilities.h"

#include <gtest/gtest.h>

#include "model/job_ticket.h"
#include "model/printer.h"

namespace printline::model {
namespace {

Printer floor1_mono() {
  Printer p;
  p.name = "floor1-mono";
  p.device_uri = "socket://127.0.0.1:9100";
  p.color = false;
  p.duplex = false;
  p.paper_sizes = {PaperSize::kA4, PaperSize::kA5};
  return p;
}

JobTicket ticket(const OptionList& options) { return apply_options({}, options).value(); }

TEST(PrinterCapabilities, PaperThePrinterDoesNotTakeIsRefusedNamingPrinterAndPaper) {
  auto problem = unsupported_option(floor1_mono(), ticket({{"media", "A3"}}));
  ASSERT_TRUE(problem);
  EXPECT_TRUE(problem->starts_with("floor1-mono cannot print on A3")) << *problem;
  EXPECT_FALSE(unsupported_option(floor1_mono(), ticket({{"media", "iso_a4_210x297mm"}})));
}

TEST(PrinterCapabilities, WithoutAListAnySizeUpToTheLargestPaperIsTaken) {
  Printer p = floor1_mono();
  p.paper_sizes.clear();
  p.largest_paper = PaperSize::kA3;
  EXPECT_FALSE(unsupported_option(p, ticket({{"media", "A3"}})));
  EXPECT_TRUE(unsupported_option(p, ticket({{"media", "A2"}})));
}

TEST(PrinterCapabilities, DuplexOfASimplexPrinterIsRefused) {
  auto problem = unsupported_option(floor1_mono(), ticket({{"sides", "two-sided-long-edge"}}));
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("floor1-mono cannot print two-sided"), std::string::npos) << *problem;
  Printer duplex = floor1_mono();
  duplex.duplex = true;
  EXPECT_FALSE(unsupported_option(duplex, ticket({{"sides", "two-sided-long-edge"}})));
  EXPECT_FALSE(unsupported_option(floor1_mono(), ticket({{"sides", "one-sided"}})));
}

TEST(PrinterCapabilities, ColourAskedOfAMonoPrinterIsNotRefused) {
  EXPECT_FALSE(unsupported_option(floor1_mono(), ticket({{"print-color-mode", "color"}})));
  EXPECT_FALSE(unsupported_option(floor1_mono(), ticket({{"print-color-mode", "monochrome"}})));
}

TEST(PrinterCapabilities, LanguagesByKeyword) {
  for (auto language : {PrinterLanguage::kAuto, PrinterLanguage::kPdf, PrinterLanguage::kPostScript,
                        PrinterLanguage::kPclXl, PrinterLanguage::kPcl5}) {
    EXPECT_EQ(language_from_keyword(language_keyword(language)), language);
  }
  EXPECT_EQ(language_from_keyword("PCL6"), PrinterLanguage::kPclXl);
  EXPECT_FALSE(language_from_keyword("escp"));
}

TEST(PrinterCapabilities, PaperLists) {
  EXPECT_EQ(parse_paper_list("A4, a3,A4"),
            (std::vector<PaperSize>{PaperSize::kA4, PaperSize::kA3}));
  std::string problem;
  EXPECT_FALSE(parse_paper_list("A4,B5", &problem));
  EXPECT_NE(problem.find("\"B5\""), std::string::npos);
  EXPECT_EQ(format_paper_list({PaperSize::kA4, PaperSize::kLetter}), "A4,Letter");
}

TEST(PrinterCapabilities, PrinterJsonCarriesLanguageAndCapabilities) {
  Printer p = floor1_mono();
  p.language = PrinterLanguage::kPclXl;
  p.document_formats = {"application/pdf"};
  auto round = nlohmann::json(p).get<Printer>();
  EXPECT_EQ(round, p);
  EXPECT_EQ(nlohmann::json(p)["language"], "pcl-xl");
  EXPECT_THROW((nlohmann::json{{"name", "x"}, {"device_uri", "socket://h"}, {"language", "escp"}}
                    .get<Printer>()),
               nlohmann::json::exception);
}

TEST(PrinterCapabilities, WhatAnIppPrinterSaidReplacesTheStoredCapabilities) {
  Printer p = floor1_mono();
  apply_capabilities(p, {true, true, {PaperSize::kA4, PaperSize::kA3}, {"application/pdf"}});
  EXPECT_TRUE(p.color);
  EXPECT_TRUE(p.duplex);
  EXPECT_EQ(p.largest_paper, PaperSize::kA3);
  EXPECT_FALSE(unsupported_option(p, ticket({{"media", "A3"}, {"sides", "two-sided-short-edge"}})));
}

}  // namespace
}  // namespace printline::model
