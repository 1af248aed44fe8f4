// FP-7b: the chooser's search filter and quick filters, and its order (history first).

#include <gtest/gtest.h>

#include "client/candidate_filter.h"

namespace printline::client {
namespace {

std::vector<CandidateView> printers() {
  auto make = [](std::string name, std::string location, bool color, bool large, bool history) {
    CandidateView view;
    view.name = std::move(name);
    view.location = std::move(location);
    view.color = color;
    view.large_format = large;
    view.in_history = history;
    return view;
  };
  return {make("Plotter", "Drawing office", true, true, false),
          make("hall-mono", "Ground floor hall", false, false, false),
          make("lab-color", "Lab 2", true, false, true),
          make("archive", "Basement", false, true, false)};
}

PrinterFilter filter(std::string search, bool color = false, bool mono = false,
                     bool large_format = false) {
  PrinterFilter f;
  f.search = std::move(search);
  f.color = color;
  f.mono = mono;
  f.large_format = large_format;
  return f;
}

std::vector<std::string> names(const std::vector<CandidateView>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.name);
  return out;
}

TEST(CandidateFilter, FP7b_NoFilter_HistoryFirstThenByName) {
  EXPECT_EQ(names(filter_candidates(printers(), {})),
            (std::vector<std::string>{"lab-color", "archive", "hall-mono", "Plotter"}));
}

TEST(CandidateFilter, FP7b_SearchMatchesNameOrLocationCaseInsensitively) {
  EXPECT_EQ(names(filter_candidates(printers(), filter("HALL", false, false, false))),
            std::vector<std::string>{"hall-mono"});
  EXPECT_EQ(names(filter_candidates(printers(), filter(" office ", false, false, false))),
            std::vector<std::string>{"Plotter"});
  EXPECT_TRUE(filter_candidates(printers(), filter("nowhere", false, false, false)).empty());
}

TEST(CandidateFilter, FP7b_QuickFilterColour) {
  EXPECT_EQ(names(filter_candidates(printers(), filter("", true, false, false))),
            (std::vector<std::string>{"lab-color", "Plotter"}));
}

TEST(CandidateFilter, FP7b_QuickFilterBlackAndWhite) {
  EXPECT_EQ(names(filter_candidates(printers(), filter("", false, true, false))),
            (std::vector<std::string>{"archive", "hall-mono"}));
}

TEST(CandidateFilter, FP7b_QuickFilterLargeFormat) {
  EXPECT_EQ(names(filter_candidates(printers(), filter("", false, false, true))),
            (std::vector<std::string>{"archive", "Plotter"}));
}

TEST(CandidateFilter, FP7b_ColourAndBlackAndWhiteTogetherMeanEither) {
  EXPECT_EQ(filter_candidates(printers(), filter("", true, true, false)).size(), 4u);
}

TEST(CandidateFilter, FP7b_FiltersCombineWithSearch) {
  EXPECT_EQ(names(filter_candidates(printers(), filter("o", true, false, true))),
            std::vector<std::string>{"Plotter"});
}

}  // namespace
}  // namespace printline::client
