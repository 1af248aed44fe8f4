#include "client/release_condition.h"

#include <fmt/format.h>

#include "analysis/analyze.h"
#include "core/i18n.h"

namespace printline::client {

namespace {

const char* what_to_do() {
  return tr("The job is kept: it is printed through the server when it is back, or cancel it.");
}

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
    return {false, trf("Fallback printing here needs enough credit or quota, and your balance "
                       "has never been synced from the server. {what_to_do}",
                       fmt::arg("what_to_do", what_to_do()))};
  }
  if (!costing.ok()) {
    return {false, trf("Fallback printing here needs enough credit or quota, and this job's "
                       "cost cannot be estimated ({reason}). {what_to_do}",
                       fmt::arg("reason", costing.error().message),
                       fmt::arg("what_to_do", what_to_do()))};
  }
  const auto verdict = model::can_afford(cache.me->user, costing->cost_cents,
                                         costing->counts.total_pages(), now, unsynced,
                                         cache.me->currency);
  if (verdict.allowed) return {};
  return {false, trf("Not enough credit or quota to print this job while the server is "
                     "offline: {reason}. {what_to_do}",
                     fmt::arg("reason", verdict.reason), fmt::arg("what_to_do", what_to_do()))};
}

}  // namespace printline::client
