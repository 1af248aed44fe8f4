// Whether a printer can print now, read from Get-Printer-Attributes answers built with libcups
// (the printer side of what ask_printer_readiness receives).

#include "transport/ipp_printer_readiness.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace printline::transport {
namespace {

struct Answer {
  ipp_t* ipp = ippNew();
  ~Answer() { ippDelete(ipp); }
};

void set_state(Answer& answer, ipp_pstate_t state, std::initializer_list<const char*> reasons,
               const char* message = nullptr) {
  ippAddInteger(answer.ipp, IPP_TAG_PRINTER, IPP_TAG_ENUM, "printer-state", state);
  std::vector<const char*> values(reasons);
  ippAddStrings(answer.ipp, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "printer-state-reasons",
                static_cast<int>(values.size()), nullptr, values.data());
  if (message) {
    ippAddString(answer.ipp, IPP_TAG_PRINTER, IPP_TAG_TEXT, "printer-state-message", nullptr,
                 message);
  }
}

TEST(PrinterReadinessTest, AnIdlePrinterWithWarningsOnlyIsReady) {
  Answer answer;
  set_state(answer, IPP_PSTATE_IDLE, {"toner-low-warning", "cover-open-report"});
  const auto readiness = readiness_from(answer.ipp);
  EXPECT_TRUE(readiness.ready);
  EXPECT_TRUE(readiness.problems.empty());

  Answer none;
  set_state(none, IPP_PSTATE_PROCESSING, {"none"});
  EXPECT_TRUE(readiness_from(none.ipp).ready);
}

TEST(PrinterReadinessTest, ErrorReasonsWithOrWithoutTheirSuffixStopIt) {
  Answer answer;
  set_state(answer, IPP_PSTATE_PROCESSING, {"media-empty-error", "toner-low-warning", "door-open"},
            "Load paper in tray 2");
  const auto readiness = readiness_from(answer.ipp);
  EXPECT_FALSE(readiness.ready);
  EXPECT_EQ(readiness.problems, (std::vector<std::string>{"media-empty", "door-open"}));
  EXPECT_EQ(readiness.message, "Load paper in tray 2");
}

TEST(PrinterReadinessTest, AStoppedPrinterIsNotReadyEvenWithoutAReason) {
  Answer answer;
  set_state(answer, IPP_PSTATE_STOPPED, {"none"});
  const auto readiness = readiness_from(answer.ipp);
  EXPECT_FALSE(readiness.ready);
  EXPECT_EQ(readiness.problems, std::vector<std::string>{"stopped"});
}

TEST(PrinterReadinessTest, AnAnswerWithoutStateIsTakenAsReadyAndAFloodOfReasonsIsBounded) {
  Answer empty;
  EXPECT_TRUE(readiness_from(empty.ipp).ready);

  Answer flood;
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back("reason-" + std::to_string(i) + "-error");
  std::vector<const char*> values;
  for (const auto& name : names) values.push_back(name.c_str());
  ippAddStrings(flood.ipp, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, "printer-state-reasons",
                static_cast<int>(values.size()), nullptr, values.data());
  const auto readiness = readiness_from(flood.ipp);
  EXPECT_FALSE(readiness.ready);
  EXPECT_EQ(readiness.problems.size(), 16u);
}

}  // namespace
}  // namespace printline::transport
