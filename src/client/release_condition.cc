#include "client/release_condition.h"

#include <fmt/format.h>

#include "analysis/analyze.h"

namespace printline::client {

namespace {

constexpr const char* kWhatToDo =
    "The job is kept: it is printed through the server when it is back, or cancel it.";

}  // namespace

Result<JobCosting> cost_job(const analysis::JobAnalysis& analysis, const model::JobTicket& ticket,
                            const std::optional<model::PriceList>& prices, bool printer_is_color) {
  if (!prices) return Error{"no price list has been synced from the server yet"};
  auto costing = model::cost_job_pages(analysis, ticket, *prices, printer_is_color);
  if (!costing.ok()) {
    return Error{fmt::format("the job cannot be priced: {}", costing.error().message)};
  }
  return costing;
}

Result<JobCosting> analyze_and_cost(const std::filesystem::path& document,
                                    const model::JobTicket& ticket,
                                    const std::optional<model::PriceList>& prices,
                                    bool printer_is_color) {
  auto analysis = analysis::analyze_file(document);
  if (!analysis.ok()) return analysis.error();
  return cost_job(*analysis, ticket, prices, printer_is_color);
}

ReleaseDecision check_release(const model::FallbackSettings& settings, const CachedState& cache,
                              const Result<JobCosting>& costing,
                              const model::UnsyncedSpending& unsynced, model::Timestamp now) {
  if (settings.release == model::ReleaseCondition::kAlways) return {};
  if (!cache.me) {
    return {false, fmt::format("Fallback printing here needs enough credit or quota, and your "
                               "balance has never been synced from the server. {}",
                               kWhatToDo)};
  }
  if (!costing.ok()) {
    return {false, fmt::format("Fallback printing here needs enough credit or quota, and this "
                               "job's cost cannot be estimated ({}). {}",
                               costing.error().message, kWhatToDo)};
  }
  const auto verdict = model::can_afford(cache.me->user, costing->cost_cents,
                                         costing->counts.total_pages(), now, unsynced);
  if (verdict.allowed) return {};
  return {false, fmt::format("Not enough credit or quota to print this job while the server is "
                             "offline: {}. {}",
                             verdict.reason, kWhatToDo)};
}

}  // namespace printline::client
