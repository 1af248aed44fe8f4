// The job template is honoured as advertised: a value outside -supported is refused with
// ipp-attribute-fidelity, or ignored (the default applies) and named without it; what is
// supported becomes the job ticket.
#include "ipp/ipp_job_template.h"

#include <cups/pwg.h>
#include <gtest/gtest.h>

#include <string>

namespace printline::ipp {
namespace {

// A mono, simplex printer that takes A4 only.
JobTemplateSupport small_printer() {
  JobTemplateSupport support;
  support.color = false;
  support.duplex = false;
  support.media = {"iso_a4_210x297mm"};
  return support;
}

IppPtr job_request() {
  IppPtr request(ippNewRequest(IPP_OP_PRINT_JOB));
  return request;
}

std::string status_message(const IppCall& call) {
  ipp_attribute_t* attr = ippFindAttribute(call.response.get(), "status-message", IPP_TAG_TEXT);
  return attr ? ippGetString(attr, 0, nullptr) : "";
}

bool in_unsupported_group(const IppCall& call, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(call.response.get(), name, IPP_TAG_ZERO);
  return attr && ippGetGroupTag(attr) == IPP_TAG_UNSUPPORTED_GROUP;
}

TEST(IppJobTemplate, WhatIsSupportedBecomesTheTicket) {
  auto request = job_request();
  ippAddInteger(request.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", 3);
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr,
               "monochrome");
  ippAddInteger(request.get(), IPP_TAG_JOB, IPP_TAG_INTEGER, "number-up", 4);
  IppCall call(request.get());
  auto ticket = read_job_ticket(call, small_printer());
  ASSERT_TRUE(ticket) << status_message(call);
  EXPECT_EQ(ticket->copies, 3);
  EXPECT_EQ(ticket->color_mode, model::ColorMode::kMonochrome);
  EXPECT_EQ(ticket->number_up, 4);
  EXPECT_FALSE(call.substituted);
}

TEST(IppJobTemplate, WithFidelityAnUnsupportedValueRefusesTheJobNamingIt) {
  auto request = job_request();
  ippAddBoolean(request.get(), IPP_TAG_OPERATION, "ipp-attribute-fidelity", 1);
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", nullptr,
               "two-sided-long-edge");
  IppCall call(request.get());
  EXPECT_FALSE(read_job_ticket(call, small_printer()));
  EXPECT_EQ(ippGetStatusCode(call.response.get()), IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES);
  EXPECT_TRUE(in_unsupported_group(call, "sides"));
  EXPECT_NE(status_message(call).find("sides"), std::string::npos) << status_message(call);
}

TEST(IppJobTemplate, WithoutFidelityTheDefaultIsUsedAndTheAnswerSaysSo) {
  auto request = job_request();
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", nullptr, "color");
  ippAddString(request.get(), IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", nullptr, "iso_a3_297x420mm");
  IppCall call(request.get());
  auto ticket = read_job_ticket(call, small_printer());
  ASSERT_TRUE(ticket);
  EXPECT_FALSE(ticket->color_mode.has_value());  // as the document is, on a mono printer
  EXPECT_TRUE(ticket->media.size.empty());        // the printer's default paper
  call.status(IPP_STATUS_OK, "");
  EXPECT_EQ(ippGetStatusCode(call.response.get()), IPP_STATUS_OK_IGNORED_OR_SUBSTITUTED);
  EXPECT_TRUE(in_unsupported_group(call, "print-color-mode"));
  EXPECT_TRUE(in_unsupported_group(call, "media"));
  EXPECT_NE(status_message(call).find("print-color-mode, media"), std::string::npos)
      << status_message(call);
}

TEST(IppJobTemplate, MediaColBySizeIsCheckedAndItsOtherMembersLeftToThePrinter) {
  for (const bool a3 : {false, true}) {
    auto request = job_request();
    ippAddBoolean(request.get(), IPP_TAG_OPERATION, "ipp-attribute-fidelity", 1);
    const pwg_media_t* media = pwgMediaForPWG(a3 ? "iso_a3_297x420mm" : "iso_a4_210x297mm");
    ipp_t* col = ippNew();
    ipp_t* size = ippNew();
    ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", media->width);
    ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", media->length);
    ippAddCollection(col, IPP_TAG_ZERO, "media-size", size);
    ippAddInteger(col, IPP_TAG_ZERO, IPP_TAG_INTEGER, "media-top-margin", 423);  // as CUPS sends
    ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-source", nullptr, "tray-1");
    ippAddCollection(request.get(), IPP_TAG_JOB, "media-col", col);
    ippDelete(size);
    ippDelete(col);
    IppCall call(request.get());
    auto ticket = read_job_ticket(call, small_printer());
    EXPECT_EQ(ticket.has_value(), !a3) << status_message(call);
    if (ticket) {
      EXPECT_EQ(ticket->media, (model::Media{"iso_a4_210x297mm", "", "tray-1"}));
    }
  }
}

TEST(IppJobTemplate, FinishingsOtherThanNoneAreNotOffered) {
  auto request = job_request();
  ippAddInteger(request.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "finishings", IPP_FINISHINGS_NONE);
  IppCall call(request.get());
  auto ticket = read_job_ticket(call, JobTemplateSupport{});
  ASSERT_TRUE(ticket);
  EXPECT_TRUE(ticket->finishings.empty());
  auto staple = job_request();
  ippAddInteger(staple.get(), IPP_TAG_JOB, IPP_TAG_ENUM, "finishings", IPP_FINISHINGS_STAPLE);
  IppCall stapled(staple.get());
  ASSERT_TRUE(read_job_ticket(stapled, JobTemplateSupport{}));
  EXPECT_TRUE(stapled.substituted);
}

}  // namespace
}  // namespace printline::ipp
