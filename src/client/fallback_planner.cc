#include "client/fallback_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <set>

#include "client/candidate_filter.h"
#include "core/i18n.h"
#include "model/fallback_target.h"
#include "transport/print_transport.h"

namespace printline::client {

std::vector<std::int64_t> printer_history(const CachedState& cache,
                                          const std::vector<std::int64_t>& local_history) {
  std::vector<std::int64_t> history;
  std::set<std::int64_t> seen;
  if (cache.me) {
    for (const auto& use : cache.me->printers_used) {
      if (seen.insert(use.printer_id).second) history.push_back(use.printer_id);
    }
  }
  for (auto id : local_history) {
    if (seen.insert(id).second) history.push_back(id);
  }
  return history;
}

std::vector<CandidateView> profile_fallback_printers(const CachedState& cache,
                                                     const std::vector<std::int64_t>& history,
                                                     std::optional<std::int64_t> last_choice) {
  std::vector<CandidateView> printers;
  if (!cache.profile) return printers;
  const auto& settings = cache.profile->profile.fallback;
  std::set<std::int64_t> seen;
  for (const auto& entry : cache.profile->fallback_printers) {
    const model::Printer& printer = entry.printer;
    if (!entry.usable || !printer.fallback_allowed || !seen.insert(printer.id).second) continue;
    // The same rule the server applied (FP-6, FP-9, D8), so both always agree.
    auto target = model::fallback_target(printer, settings);
    if (!target.ok()) continue;
    CandidateView view;
    view.printer_id = printer.id;
    view.name = printer.name;
    view.location = printer.location;
    view.color = printer.color;
    view.large_format = printer.is_large_format();
    view.in_history = std::find(history.begin(), history.end(), printer.id) != history.end();
    view.last_choice = last_choice && *last_choice == printer.id;
    view.target_uri = target->device_uri;
    view.may_be_counted_twice = target->may_be_counted_twice;
    if (target->may_be_counted_twice) {
      view.note = entry.warning.value_or(
          trf("\"{printer}\" is a Kyocera device used through a non-spooling port: jobs may be "
              "counted twice",
              fmt::arg("printer", printer.name)));
    }
    printers.push_back(std::move(view));
  }
  order_candidates(printers);
  return printers;
}

Prober port_prober(std::chrono::milliseconds timeout) {
  return [timeout](const std::string& target_uri, std::string& why_not) {
    auto probe = transport::probe(target_uri, timeout);
    if (!probe.reachable) why_not = probe.message;
    return probe.reachable;
  };
}

void probe_candidates(std::vector<CandidateView>& printers, const Prober& prober) {
  std::vector<std::future<std::pair<bool, std::string>>> probes;
  for (const auto& printer : printers) {
    probes.push_back(std::async(std::launch::async, [&prober, uri = printer.target_uri] {
      std::string why;
      const bool reachable = prober(uri, why);
      return std::make_pair(reachable, why);
    }));
  }
  for (std::size_t i = 0; i < printers.size(); ++i) {
    auto [reachable, why] = probes[i].get();
    printers[i].reachable = reachable;
    if (!reachable) printers[i].note = why.empty() ? tr("not reachable now") : why;
  }
}

FallbackPlan plan_fallback(const std::vector<CandidateView>& probed,
                           const std::vector<std::int64_t>& history) {
  FallbackPlan plan;
  for (const auto& printer : probed) {
    if (printer.reachable) plan.candidates.push_back(printer);
  }
  order_candidates(plan.candidates);
  if (history.size() == 1) {
    for (const auto& candidate : plan.candidates) {
      if (candidate.printer_id == history.front()) {
        plan.kind = PlanKind::kAutomatic;
        plan.printer = candidate;
        plan.rule = "D2: the user's only printer is a fallback candidate";
        return plan;
      }
    }
  }
  if (plan.candidates.size() == 1) {
    plan.kind = PlanKind::kAutomatic;
    plan.printer = plan.candidates.front();
    plan.rule = "D2: exactly one fallback candidate";
    return plan;
  }
  if (plan.candidates.size() > 1) {
    plan.kind = PlanKind::kPrompt;
    plan.rule = "D2: several fallback candidates, the user chooses";
    return plan;
  }
  plan.kind = PlanKind::kNoCandidate;
  plan.rule = "D2: no fallback candidate";
  return plan;
}

std::string no_candidate_message(const std::vector<CandidateView>& probed) {
  if (probed.empty()) {
    return "The print server is offline and your profile names no printer that fallback "
           "printing can use. The job is kept: it goes to the server when it is back (Retry), "
           "or cancel it. Ask your administrator to add fallback printers to your profile.";
  }
  std::string names;
  for (const auto& printer : probed) {
    if (!names.empty()) names += ", ";
    names += printer.name;
  }
  return fmt::format(
      "The print server is offline and none of the fallback printers answers ({}). The job is "
      "kept: it goes to the server when it is back (Retry), or cancel it. Check that the "
      "printers are switched on and connected.",
      names);
}

}  // namespace printline::client
