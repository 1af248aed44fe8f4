// The ticket <-> IPP codec: what add_ticket_attributes writes, ticket_from_ipp reads back the
// same; hostile or malformed attributes are refused with the attribute's name.
#include "transport/ipp_job_ticket.h"

#include <gtest/gtest.h>

#include <memory>

namespace printline::transport {
namespace {

struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;

IppPtr request_with(const model::JobTicket& ticket) {
  IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
  add_ticket_attributes(request.get(), ticket);
  return request;
}

model::JobTicket full_ticket() {
  model::JobTicket ticket;
  ticket.copies = 3;
  ticket.collate = false;
  ticket.sides = model::Sides::kTwoSidedShortEdge;
  ticket.color_mode = model::ColorMode::kMonochrome;
  ticket.media = {"iso_a3_297x420mm", "cardstock", "tray-2"};
  ticket.orientation = model::Orientation::kLandscape;
  ticket.page_ranges = {{1, 2}, {5, 5}, {7, 100}};
  ticket.number_up = 4;
  ticket.quality = model::PrintQuality::kHigh;
  ticket.finishings = {"staple", "punch"};
  return ticket;
}

TEST(IppJobTicket, EveryFieldRoundTrips) {
  const auto ticket = full_ticket();
  auto request = request_with(ticket);
  auto read = ticket_from_ipp(request.get());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, ticket);
}

TEST(IppJobTicket, ADefaultTicketAddsNothingAndReadsBackAsDefault) {
  IppPtr request(ippNew());
  add_ticket_attributes(request.get(), model::JobTicket{});
  EXPECT_EQ(ippFirstAttribute(request.get()), nullptr);
  auto read = ticket_from_ipp(request.get());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, model::JobTicket{});
}

TEST(IppJobTicket, ASizeAloneIsMediaAndWithATrayIsMediaCol) {
  model::JobTicket ticket;
  ticket.media.size = "na_letter_8.5x11in";
  auto request = request_with(ticket);
  ipp_attribute_t* media = ippFindAttribute(request.get(), "media", IPP_TAG_KEYWORD);
  ASSERT_NE(media, nullptr);
  EXPECT_STREQ(ippGetString(media, 0, nullptr), "na_letter_8.5x11in");
  EXPECT_EQ(*ticket_from_ipp(request.get()), ticket);

  ticket.media.source = "manual";
  request = request_with(ticket);
  EXPECT_EQ(ippFindAttribute(request.get(), "media", IPP_TAG_ZERO), nullptr);
  ipp_attribute_t* col = ippFindAttribute(request.get(), "media-col", IPP_TAG_BEGIN_COLLECTION);
  ASSERT_NE(col, nullptr);
  // The size travels as dimensions, which every IPP printer reads.
  ipp_attribute_t* x = ippFindAttribute(ippGetCollection(col, 0), "media-size/x-dimension",
                                        IPP_TAG_INTEGER);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(ippGetInteger(x, 0), 21590);
  EXPECT_EQ(*ticket_from_ipp(request.get()), ticket);
}

TEST(IppJobTicket, TheEnumsAndRangesHaveTheirIppSyntax) {
  auto request = request_with(full_ticket());
  EXPECT_NE(ippFindAttribute(request.get(), "page-ranges", IPP_TAG_RANGE), nullptr);
  ipp_attribute_t* finishings = ippFindAttribute(request.get(), "finishings", IPP_TAG_ENUM);
  ASSERT_NE(finishings, nullptr);
  EXPECT_EQ(ippGetInteger(finishings, 0), IPP_FINISHINGS_STAPLE);
  EXPECT_EQ(ippGetInteger(finishings, 1), IPP_FINISHINGS_PUNCH);
  ipp_attribute_t* orientation =
      ippFindAttribute(request.get(), "orientation-requested", IPP_TAG_ENUM);
  ASSERT_NE(orientation, nullptr);
  EXPECT_EQ(ippGetInteger(orientation, 0), IPP_ORIENT_LANDSCAPE);
  EXPECT_NE(ippFindAttribute(request.get(), "print-quality", IPP_TAG_ENUM), nullptr);
}

TEST(IppJobTicket, MediaByLegacyNameAndByDimensionsBecomesThePwgName) {
  IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, "iso-a4");
  EXPECT_EQ(ticket_from_ipp(request.get())->media.size, "iso_a4_210x297mm");

  IppPtr by_size(ippNewRequest(IPP_OP_PRINT_JOB));
  ipp_t* col = ippNew();
  ipp_t* size = ippNew();
  ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", 21000);
  ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", 29700);
  ippAddCollection(col, IPP_TAG_ZERO, "media-size", size);
  ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-type", nullptr, "stationery");
  ippAddCollection(by_size.get(), IPP_TAG_JOB, "media-col", col);
  ippDelete(size);
  ippDelete(col);
  auto read = ticket_from_ipp(by_size.get());
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->media, (model::Media{"iso_a4_210x297mm", "stationery", ""}));
}

TEST(IppJobTicket, MonochromeSpellingsAllMeanNoColourAndAutoMeansAsTheDocumentIs) {
  for (const char* mode : {"monochrome", "process-monochrome", "bi-level", "auto-monochrome"}) {
    IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
    ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr, mode);
    EXPECT_EQ(ticket_from_ipp(request.get())->color_mode, model::ColorMode::kMonochrome) << mode;
  }
  IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr, "auto");
  EXPECT_FALSE(ticket_from_ipp(request.get())->color_mode.has_value());
}

// Each bad request is refused with a message that names the attribute.
struct BadCase {
  const char* attribute;
  void (*add)(ipp_t*);
};

TEST(IppJobTicket, BadValuesAreRefusedNamingTheAttribute) {
  const BadCase cases[] = {
      {"copies", [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 0); }},
      {"copies", [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 1000); }},
      {"copies",
       [](ipp_t* r) { ippAddString(r, IPP_TAG_JOB, IPP_TAG_KEYWORD, "copies", nullptr, "2"); }},
      {"copies",
       [](ipp_t* r) {
         const int values[] = {1, 2};
         ippAddIntegers(r, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 2, values);
       }},
      {"sides",
       [](ipp_t* r) { ippAddString(r, IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", nullptr, "both"); }},
      {"print-color-mode",
       [](ipp_t* r) {
         ippAddString(r, IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr, "highlight");
       }},
      {"media",
       [](ipp_t* r) { ippAddString(r, IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, "napkin"); }},
      {"orientation-requested",
       [](ipp_t* r) {
         ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_ENUM, "orientation-requested", 7);
       }},
      {"page-ranges", [](ipp_t* r) { ippAddRange(r, IPP_TAG_JOB, "page-ranges", 5, 2); }},
      {"page-ranges",
       [](ipp_t* r) {
         const int lower[] = {3, 1};
         const int upper[] = {4, 2};
         ippAddRanges(r, IPP_TAG_JOB, "page-ranges", 2, lower, upper);
       }},
      {"page-ranges",
       [](ipp_t* r) {
         std::vector<int> lower;
         std::vector<int> upper;
         for (int i = 1; i <= 300; ++i) {
           lower.push_back(2 * i);
           upper.push_back(2 * i);
         }
         ippAddRanges(r, IPP_TAG_JOB, "page-ranges", 300, lower.data(), upper.data());
       }},
      {"number-up",
       [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_INTEGER, "number-up", 3); }},
      {"number-up",
       [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_INTEGER, "number-up", 1 << 30); }},
      {"print-quality",
       [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_ENUM, "print-quality", 9); }},
      {"finishings",
       [](ipp_t* r) { ippAddInteger(r, IPP_TAG_JOB, IPP_TAG_ENUM, "finishings", 12345); }},
      {"multiple-document-handling",
       [](ipp_t* r) {
         ippAddString(r, IPP_TAG_JOB, IPP_TAG_KEYWORD, "multiple-document-handling", nullptr,
                      "shuffle");
       }},
      {"media-col",
       [](ipp_t* r) {
         ipp_t* col = ippNew();
         ipp_t* size = ippNew();
         ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", -5);
         ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", 29700);
         ippAddCollection(col, IPP_TAG_ZERO, "media-size", size);
         ippAddCollection(r, IPP_TAG_JOB, "media-col", col);
         ippDelete(size);
         ippDelete(col);
       }},
  };
  for (const auto& bad : cases) {
    IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
    bad.add(request.get());
    auto read = ticket_from_ipp(request.get());
    ASSERT_FALSE(read.ok()) << bad.attribute;
    EXPECT_NE(read.error().message.find(bad.attribute), std::string::npos)
        << bad.attribute << ": " << read.error().message;
  }
}

}  // namespace
}  // namespace printline::transport
