// What of a ticket an IPP printer is sent (transport/ipp_ticket_fit.h, D11): what it supports
// goes, what needs no attribute is left out, what it cannot do is refused by name.

#include "transport/ipp_ticket_fit.h"

#include <gtest/gtest.h>

namespace printline::transport {
namespace {

IppPrinterSupport duplex_colour_printer() {
  IppPrinterSupport support;
  support.answered = true;
  support.sides = {"one-sided", "two-sided-long-edge", "two-sided-short-edge"};
  support.color = true;
  support.color_modes = {"auto", "color", "monochrome"};
  support.media = {"iso_a4_210x297mm", "na_letter_8.5x11in"};
  support.copies_max = 99;
  support.number_up = {1, 2, 4};
  support.page_ranges = true;
  support.document_handling = {"separate-documents-collated-copies",
                               "separate-documents-uncollated-copies"};
  support.finishings = {"none", "staple"};
  return support;
}

IppPrinterSupport plain_mono_printer() {
  IppPrinterSupport support;
  support.answered = true;
  support.sides = {"one-sided"};
  support.media = {"iso_a4_210x297mm"};
  support.copies_max = 1;
  return support;
}

TEST(IppTicketFit, WhatThePrinterSupportsGoesAsAsked) {
  model::JobTicket ticket;
  ticket.copies = 2;
  ticket.collate = false;
  ticket.sides = model::Sides::kTwoSidedLongEdge;
  ticket.color_mode = model::ColorMode::kMonochrome;
  ticket.media.size = "A4";  // the same paper under another name
  ticket.page_ranges = {{1, 2}};
  ticket.number_up = 2;
  ticket.finishings = {"staple"};
  auto fitted = fit_ticket(ticket, duplex_colour_printer(), "floor2");
  ASSERT_TRUE(fitted.ok()) << fitted.error().message;
  EXPECT_EQ(*fitted, ticket);
}

TEST(IppTicketFit, WhatNeedsNoAttributeIsLeftOut) {
  model::JobTicket ticket;
  ticket.sides = model::Sides::kOneSided;
  ticket.color_mode = model::ColorMode::kColor;  // a mono printer prints grey
  IppPrinterSupport support = plain_mono_printer();
  support.sides.clear();  // says nothing about sides
  auto fitted = fit_ticket(ticket, support, "floor1-mono");
  ASSERT_TRUE(fitted.ok()) << fitted.error().message;
  EXPECT_FALSE(fitted->sides.has_value());
  EXPECT_FALSE(fitted->color_mode.has_value());
}

TEST(IppTicketFit, WhatThePrinterCannotDoIsRefusedByName) {
  const auto refused = [](model::JobTicket ticket) {
    auto fitted = fit_ticket(ticket, plain_mono_printer(), "floor1-mono");
    return fitted.ok() ? std::string("accepted") : fitted.error().message;
  };
  model::JobTicket base;
  {
    auto ticket = base;
    ticket.sides = model::Sides::kTwoSidedShortEdge;
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot print two-sided (two-sided-short-edge)", 0),
              0u)
        << refused(ticket);
  }
  {
    auto ticket = base;
    ticket.media.size = "iso_a3_297x420mm";
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot print on A3: it takes iso_a4_210x297mm", 0),
              0u)
        << refused(ticket);
  }
  {
    auto ticket = base;
    ticket.copies = 3;
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot print 3 copies", 0), 0u) << refused(ticket);
  }
  {
    auto ticket = base;
    ticket.page_ranges = {{2, 3}};
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot print only pages 2-3", 0), 0u)
        << refused(ticket);
  }
  {
    auto ticket = base;
    ticket.number_up = 4;
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot print 4 pages per side", 0), 0u)
        << refused(ticket);
  }
  {
    auto ticket = base;
    ticket.finishings = {"punch"};
    EXPECT_EQ(refused(ticket).rfind("floor1-mono cannot finish with punch", 0), 0u)
        << refused(ticket);
  }
  {
    // Monochrome asked of a colour printer that cannot print monochrome.
    IppPrinterSupport colour_only = duplex_colour_printer();
    colour_only.color_modes = {"color"};
    auto ticket = base;
    ticket.color_mode = model::ColorMode::kMonochrome;
    auto fitted = fit_ticket(ticket, colour_only, "photo");
    ASSERT_FALSE(fitted.ok());
    EXPECT_EQ(fitted.error().message.rfind("photo cannot print monochrome", 0), 0u)
        << fitted.error().message;
  }
}

}  // namespace
}  // namespace printline::transport
