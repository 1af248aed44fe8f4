#include <gtest/gtest.h>

#include "transport/outcome_message.h"
#include "transport/pjl.h"
#include "transport/send_outcome.h"

namespace printline::transport {
namespace {

TEST(Pjl, HeaderCarriesUuidAndUser) {
  const std::string header =
      pjl_job_header("1b4e28ba-2fa1-4d2b-a3f6-0123456789ab", "alice", "Report");
  EXPECT_EQ(header,
            "\x1b%-12345X@PJL\r\n@PJL JOB NAME=\"1b4e28ba-2fa1-4d2b-a3f6-0123456789ab\"\r\n"
            "@PJL SET USERNAME=\"alice\"\r\n@PJL SET JOBNAME=\"Report\"\r\n");
  EXPECT_EQ(pjl_job_footer("u-1"), "\x1b%-12345X@PJL EOJ NAME=\"u-1\"\r\n\x1b%-12345X");
}

TEST(Pjl, CopiesOnlyWhenMoreThanOne) {
  EXPECT_EQ(pjl_job_header("u", "", "", 1).find("COPIES"), std::string::npos);
  EXPECT_NE(pjl_job_header("u", "", "", 3).find("@PJL SET COPIES=3\r\n"), std::string::npos);
}

TEST(Pjl, QuotesAndControlCharactersAreReplaced) {
  const std::string header = pjl_job_header("x", "a\"b\r\n@PJL RESET", "");
  EXPECT_NE(header.find("USERNAME=\"a_b__@PJL RESET\""), std::string::npos);
  EXPECT_EQ(header.find("JOBNAME"), std::string::npos);
}

TEST(Pjl, TheTicketGoesInFrontOfTheLanguage) {
  auto ticket = model::apply_options({}, {{"sides", "two-sided-short-edge"},
                                          {"print-color-mode", "monochrome"},
                                          {"copies", "3"},
                                          {"media", "A4"},
                                          {"orientation-requested", "landscape"}})
                    .value();
  const auto header = pjl_job_header("u-1", "alice", "report", ticket, "PCLXL");
  EXPECT_TRUE(header.starts_with("\x1b%-12345X@PJL\r\n@PJL JOB NAME=\"u-1\"\r\n")) << header;
  EXPECT_NE(header.find("@PJL SET USERNAME=\"alice\"\r\n"), std::string::npos);
  for (const char* line : {"@PJL SET DUPLEX=ON\r\n", "@PJL SET BINDING=SHORTEDGE\r\n",
                           "@PJL SET RENDERMODE=GRAYSCALE\r\n", "@PJL SET QTY=3\r\n",
                           "@PJL SET PAPER=A4\r\n", "@PJL SET ORIENTATION=LANDSCAPE\r\n"}) {
    EXPECT_NE(header.find(line), std::string::npos) << line;
  }
  EXPECT_TRUE(header.ends_with("@PJL ENTER LANGUAGE=PCLXL\r\n")) << header;
}

TEST(Pjl, WhatTheTicketLeavesToTheDocumentIsNotWritten) {
  EXPECT_EQ(pjl_ticket({}), "");
  auto uncollated = model::apply_options({}, {{"copies", "2"}, {"collate", "false"}}).value();
  EXPECT_EQ(pjl_ticket(uncollated), "@PJL SET COPIES=2\r\n");
  auto simplex = model::apply_options({}, {{"sides", "one-sided"}}).value();
  EXPECT_EQ(pjl_ticket(simplex), "@PJL SET DUPLEX=OFF\r\n");
  // No language named: the printer recognises the document itself.
  EXPECT_EQ(pjl_job_header("u", "", "", {}, "").find("ENTER LANGUAGE"), std::string::npos);
}

TEST(Outcome, Names) {
  EXPECT_EQ(outcome_name(Outcome::kDelivered), "delivered");
  EXPECT_EQ(outcome_name(Outcome::kUnreachable), "unreachable");
  EXPECT_EQ(outcome_name(Outcome::kBusy), "busy");
  EXPECT_EQ(outcome_name(Outcome::kRejectedByDevice), "rejected-by-device");
  EXPECT_EQ(outcome_name(Outcome::kAuthenticationRequired), "authentication-required");
  EXPECT_EQ(outcome_name(Outcome::kFormatNotSupported), "format-not-supported");
  EXPECT_EQ(outcome_name(Outcome::kTimedOut), "timed-out");
  EXPECT_EQ(outcome_name(Outcome::kCancelled), "cancelled");
  EXPECT_EQ(outcome_name(Outcome::kInvalidRequest), "invalid-request");
}

TEST(Outcome, EveryMessageNamesThePrinter) {
  for (Outcome outcome :
       {Outcome::kDelivered, Outcome::kUnreachable, Outcome::kBusy, Outcome::kRejectedByDevice,
        Outcome::kAuthenticationRequired, Outcome::kFormatNotSupported, Outcome::kTimedOut,
        Outcome::kCancelled, Outcome::kInvalidRequest}) {
    const SendResult result = make_result(outcome, "lpd://hall-2/raw", "detail", "device words");
    EXPECT_EQ(result.outcome, outcome);
    EXPECT_NE(result.message.find("lpd://hall-2/raw"), std::string::npos) << result.message;
  }
}

TEST(Outcome, RejectionGivesTheLikelyCause) {
  const SendResult result =
      make_result(Outcome::kRejectedByDevice, "socket://p", "", "Not allowed");
  EXPECT_EQ(result.device_message, "Not allowed");
  EXPECT_NE(result.message.find("\"Not allowed\""), std::string::npos);
  EXPECT_NE(result.message.find(rejection_cause()), std::string::npos);
}

}  // namespace
}  // namespace printline::transport
