#include "model/job_ticket.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>

#include "core/i18n.h"

namespace printline::model {
namespace {

TEST(JobTicket, LpOptionsBuildTheTicket) {
  auto ticket = apply_options({}, {{"sides", "two-sided-long-edge"},
                                   {"print-color-mode", "monochrome"},
                                   {"copies", "2"},
                                   {"page-ranges", "1-2"},
                                   {"number-up", "2"},
                                   {"media", "A4,tray-2"},
                                   {"orientation-requested", "4"},
                                   {"print-quality", "high"},
                                   {"finishings", "staple"}});
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->copies, 2);
  EXPECT_EQ(ticket->sides, Sides::kTwoSidedLongEdge);
  EXPECT_EQ(ticket->color_mode, ColorMode::kMonochrome);
  EXPECT_EQ(ticket->media.size, "iso_a4_210x297mm");
  EXPECT_EQ(ticket->media.source, "tray-2");
  EXPECT_EQ(ticket->orientation, Orientation::kLandscape);
  EXPECT_EQ(ticket->page_ranges, (std::vector<PageRange>{{1, 2}}));
  EXPECT_EQ(ticket->number_up, 2);
  EXPECT_EQ(ticket->quality, PrintQuality::kHigh);
  EXPECT_EQ(ticket->finishings, std::vector<std::string>{"staple"});
  EXPECT_EQ(describe(*ticket),
            "2 copies, two-sided (long edge), monochrome, A4, from tray-2, landscape, pages 1-2, "
            "2 per side, high quality, staple");
}

// D14: a job's ticket is described in the language of whoever reads it (the server describes
// each job in its reader's language); printers' own keywords (trays, finishings) stay as named.
TEST(JobTicket, DescribedInTheReadersLanguage) {
  ::setenv("PRINTLINE_LOCALEDIR", PRINTLINE_TEST_LOCALEDIR, 1);  // this build's catalogs
  i18n::init_translations();
  std::setlocale(LC_MESSAGES, "C");  // the process itself stays English
  auto ticket = apply_options({}, {{"sides", "two-sided-short-edge"},
                                   {"print-color-mode", "monochrome"},
                                   {"copies", "3"},
                                   {"page-ranges", "1-2"},
                                   {"media", "A4,tray-2"},
                                   {"print-quality", "draft"},
                                   {"finishings", "staple"}});
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  {
    i18n::LanguageScope french("fr");
    EXPECT_EQ(describe(*ticket),
              "3 exemplaires, recto verso (bord court), noir et blanc, A4, bac tray-2, pages 1-2, "
              "qualité brouillon, staple");
    EXPECT_EQ(describe(JobTicket{}), "comme le document");
  }
  EXPECT_EQ(describe(*ticket),
            "3 copies, two-sided (short edge), monochrome, A4, from tray-2, pages 1-2, "
            "draft quality, staple");
}

TEST(JobTicket, PrintDialogSpellingsMeanTheSame) {
  auto ticket = apply_options({}, {{"Duplex", "DuplexTumble"},
                                   {"ColorModel", "Gray"},
                                   {"PageSize", "Letter"},
                                   {"Collate", "false"},
                                   {"job-uuid", "urn:uuid:whatever"}},
                              UnknownOptions::kIgnore);
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  EXPECT_EQ(ticket->sides, Sides::kTwoSidedShortEdge);
  EXPECT_EQ(ticket->color_mode, ColorMode::kMonochrome);
  EXPECT_EQ(ticket_paper(*ticket), PaperSize::kLetter);
  EXPECT_FALSE(ticket->collate);
}

TEST(JobTicket, FinishingsEnumValuesFromCupsAreTheirKeywords) {
  // cupsd adds finishings=3 ("none") to every job: it asks for nothing.
  auto none = apply_options({}, {{"finishings", "3"}}, UnknownOptions::kIgnore);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(*none, JobTicket{});
  auto staple = apply_options({}, {{"finishings", "4,5"}}, UnknownOptions::kIgnore);
  ASSERT_TRUE(staple.ok()) << staple.error().message;
  EXPECT_EQ(staple->finishings, (std::vector<std::string>{"staple", "punch"}));
  EXPECT_FALSE(apply_options({}, {{"finishings", "17"}}).ok());
}

TEST(JobTicket, BadValuesSayWhatIsWrongAndWhatWouldDo) {
  auto copies = apply_options({}, {{"copies", "1000"}});
  ASSERT_FALSE(copies.ok());
  EXPECT_NE(copies.error().message.find("from 1 to 999"), std::string::npos);
  auto ranges = apply_options({}, {{"page-ranges", "5-2"}});
  ASSERT_FALSE(ranges.ok());
  EXPECT_NE(ranges.error().message.find("such as 1-3,5,8-10"), std::string::npos);
  auto overlap = apply_options({}, {{"page-ranges", "1-5,3"}});
  EXPECT_FALSE(overlap.ok());
  auto up = apply_options({}, {{"number-up", "3"}});
  ASSERT_FALSE(up.ok());
  EXPECT_NE(up.error().message.find("1, 2, 4, 6, 9 or 16"), std::string::npos);
  auto unknown = apply_options({}, {{"colour", "mono"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("\"colour\""), std::string::npos);
  EXPECT_TRUE(apply_options({}, {{"colour", "mono"}}, UnknownOptions::kIgnore).ok());
}

TEST(JobTicket, JsonRoundTripsAndRefusesHostileValues) {
  JobTicket ticket;
  ticket.copies = 3;
  ticket.sides = Sides::kTwoSidedShortEdge;
  ticket.color_mode = ColorMode::kColor;
  ticket.media = {"iso_a3_297x420mm", "cardstock", "manual"};
  ticket.page_ranges = {{1, 1}, {4, 9}};
  ticket.number_up = 4;
  ticket.finishings = {"punch"};
  nlohmann::json j = ticket;
  EXPECT_EQ(j.get<JobTicket>(), ticket);
  EXPECT_EQ(nlohmann::json::object().get<JobTicket>(), JobTicket{});

  for (const char* hostile : {R"({"copies": 1e300})", R"({"copies": 0})",
                              R"({"number-up": 5})", R"({"page-ranges": "9-1"})",
                              R"({"sides": "three-sided"})", R"({"media": {"size": "A4\n@PJL"}})",
                              R"({"finishings": ["staple\"x"]})", R"([])"}) {
    EXPECT_THROW(nlohmann::json::parse(hostile).get<JobTicket>(), nlohmann::json::exception)
        << hostile;
  }
}

TEST(JobTicket, OptionsReproduceTheTicket) {
  auto ticket = apply_options({}, {{"sides", "two-sided-long-edge"},
                                   {"page-ranges", "2-3,7"},
                                   {"number-up", "2"},
                                   {"multiple-document-handling",
                                    "separate-documents-uncollated-copies"}});
  ASSERT_TRUE(ticket.ok());
  auto again = apply_options({}, ticket_options(*ticket));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *ticket);
  EXPECT_TRUE(page_selected(*ticket, 7));
  EXPECT_FALSE(page_selected(*ticket, 4));
}

// Ranges past the last page are clamped to the document; ranges that select none of its pages
// are a mistake worth a message naming both.
TEST(JobTicket, PageRangesThatSelectNoPageOfTheDocumentAreAProblem) {
  JobTicket ticket;
  EXPECT_FALSE(page_ranges_problem(ticket, 3).has_value());  // every page
  ticket.page_ranges = {{2, 9}};
  EXPECT_FALSE(page_ranges_problem(ticket, 3).has_value());  // pages 2-3 print
  ticket.page_ranges = {{5, 7}};
  EXPECT_EQ(page_ranges_problem(ticket, 3),
            "page-ranges 5-7 selects no page of this 3-page document; choose pages from 1 to 3");
  EXPECT_FALSE(page_ranges_problem(ticket, 0).has_value());  // page count unknown
}

}  // namespace
}  // namespace printline::model
