// D2 (FP-7), one test per row, on the pure planner; and the candidates built from a cached
// profile (FP-6 port, FP-9/D8 Kyocera spooling port, printers that do not allow fallback).

#include <gtest/gtest.h>

#include "client/fallback_planner.h"

namespace printline::client {
namespace {

CandidateView candidate(std::int64_t id, std::string name, bool reachable = true) {
  CandidateView view;
  view.printer_id = id;
  view.name = std::move(name);
  view.reachable = reachable;
  view.target_uri = "socket://10.0.0." + std::to_string(id) + ":9100";
  return view;
}

TEST(FallbackPlanner, D2_OneHistoryPrinterThatIsACandidate_PrintsAutomatically) {
  auto plan = plan_fallback({candidate(1, "hall"), candidate(2, "lab"), candidate(3, "office")},
                            {2});
  ASSERT_EQ(plan.kind, PlanKind::kAutomatic);
  EXPECT_EQ(plan.printer->printer_id, 2);
}

TEST(FallbackPlanner, D2_OneHistoryPrinterThatIsNotReachable_PromptsAmongTheOthers) {
  auto plan = plan_fallback(
      {candidate(1, "hall"), candidate(2, "lab", false), candidate(3, "office")}, {2});
  EXPECT_EQ(plan.kind, PlanKind::kPrompt);
  EXPECT_EQ(plan.candidates.size(), 2u);
}

TEST(FallbackPlanner, D2_OneHistoryPrinterThatIsNoFallbackPrinter_PromptsAmongCandidates) {
  auto plan = plan_fallback({candidate(1, "hall"), candidate(3, "office")}, {9});
  EXPECT_EQ(plan.kind, PlanKind::kPrompt);
}

TEST(FallbackPlanner, D2_ExactlyOneCandidate_PrintsAutomatically) {
  auto plan = plan_fallback({candidate(1, "hall", false), candidate(3, "office")}, {1, 2});
  ASSERT_EQ(plan.kind, PlanKind::kAutomatic);
  EXPECT_EQ(plan.printer->printer_id, 3);
}

TEST(FallbackPlanner, D2_SeveralCandidatesAndSeveralHistoryPrinters_PromptsTheUser) {
  auto plan = plan_fallback({candidate(1, "hall"), candidate(2, "lab")}, {1, 2});
  ASSERT_EQ(plan.kind, PlanKind::kPrompt);
  ASSERT_EQ(plan.candidates.size(), 2u);
}

TEST(FallbackPlanner, D2_SeveralCandidatesAndNoHistory_PromptsTheUser) {
  auto plan = plan_fallback({candidate(1, "hall"), candidate(2, "lab")}, {});
  EXPECT_EQ(plan.kind, PlanKind::kPrompt);
}

TEST(FallbackPlanner, D2_NoCandidate_ErrorAndJobKept) {
  auto plan = plan_fallback({candidate(1, "hall", false)}, {1});
  EXPECT_EQ(plan.kind, PlanKind::kNoCandidate);
  const auto message = no_candidate_message({candidate(1, "hall", false)});
  EXPECT_NE(message.find("hall"), std::string::npos);
  EXPECT_NE(message.find("kept"), std::string::npos);
}

TEST(FallbackPlanner, D2_NoFallbackPrinterInTheProfile_ErrorSaysAskTheAdministrator) {
  EXPECT_EQ(plan_fallback({}, {}).kind, PlanKind::kNoCandidate);
  EXPECT_NE(no_candidate_message({}).find("administrator"), std::string::npos);
}

TEST(FallbackPlanner, D2_HistoryIsServerHistoryThenLocalFallbackHistoryWithoutRepeats) {
  CachedState cache;
  cache.me = api_client::MeAnswer{};
  cache.me->printers_used = {{5, "a", 3, ""}, {6, "b", 1, ""}};
  EXPECT_EQ(printer_history(cache, {6, 7}), (std::vector<std::int64_t>{5, 6, 7}));
}

// A cached profile with three printers: a plain one, a Kyocera with a spooling port, and one
// that does not allow fallback.
CachedState cached_profile() {
  CachedState cache;
  api_client::ProfileAnswer answer;
  answer.profile.fallback.enabled = true;
  answer.profile.fallback.port = {model::PortProtocol::kLpr, 515, "lp"};
  auto add = [&](std::int64_t id, std::string name, std::string vendor, bool allowed,
                 std::optional<model::DevicePort> spooling) {
    api_client::FallbackPrinter entry;
    entry.printer.id = id;
    entry.printer.name = std::move(name);
    entry.printer.device_uri = "socket://10.0.0." + std::to_string(id) + ":9100";
    entry.printer.vendor = std::move(vendor);
    entry.printer.fallback_allowed = allowed;
    entry.printer.spooling_port = spooling;
    entry.usable = true;
    answer.fallback_printers.push_back(entry);
  };
  add(1, "plain", "HP", true, std::nullopt);
  add(2, "kyocera", "Kyocera", true, model::DevicePort{model::PortProtocol::kRaw, 9101, ""});
  add(3, "locked", "HP", false, std::nullopt);
  cache.profile = answer;
  return cache;
}

TEST(FallbackPlanner, FP6_FP9_TargetsUseTheProfilePortOrTheKyoceraSpoolingPort) {
  auto printers = profile_fallback_printers(cached_profile(), {}, std::nullopt);
  ASSERT_EQ(printers.size(), 2u);  // "locked" does not allow fallback
  EXPECT_EQ(printers[0].name, "kyocera");
  EXPECT_EQ(printers[0].target_uri, "socket://10.0.0.2:9101");
  EXPECT_FALSE(printers[0].may_be_counted_twice);
  EXPECT_EQ(printers[1].name, "plain");
  EXPECT_EQ(printers[1].target_uri, "lpd://10.0.0.1:515/lp");
}

TEST(FallbackPlanner, D8_KyoceraThroughANonSpoolingPort_IsFlaggedWithAWarning) {
  auto cache = cached_profile();
  cache.profile->fallback_printers[1].printer.spooling_port.reset();
  auto printers = profile_fallback_printers(cache, {}, std::nullopt);
  auto kyocera = std::find_if(printers.begin(), printers.end(),
                              [](const CandidateView& c) { return c.name == "kyocera"; });
  ASSERT_NE(kyocera, printers.end());
  EXPECT_TRUE(kyocera->may_be_counted_twice);
  EXPECT_NE(kyocera->note.find("counted twice"), std::string::npos);
}

TEST(FallbackPlanner, D8_KxIntegration_OnlyKyoceraSpoolingPortsAreCandidates) {
  auto cache = cached_profile();
  cache.profile->profile.fallback.kx_integration = true;
  auto printers = profile_fallback_printers(cache, {}, std::nullopt);
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_EQ(printers[0].name, "kyocera");
}

TEST(FallbackPlanner, ProbeMarksUnreachablePrintersWithTheReason) {
  auto printers = profile_fallback_printers(cached_profile(), {1}, 1);
  probe_candidates(printers, [](const std::string& uri, std::string& why) {
    if (uri.find("10.0.0.1") != std::string::npos) {
      why = "connection refused";
      return false;
    }
    return true;
  });
  for (const auto& printer : printers) {
    if (printer.name == "plain") {
      EXPECT_FALSE(printer.reachable);
      EXPECT_EQ(printer.note, "connection refused");
      EXPECT_TRUE(printer.in_history);
      EXPECT_TRUE(printer.last_choice);
    } else {
      EXPECT_TRUE(printer.reachable);
    }
  }
}

}  // namespace
}  // namespace printline::client
