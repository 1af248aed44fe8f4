#pragma once
// The release condition of fallback printing (FP-5) checked offline (D5): "always", or "only
// with enough credit/quota", estimated with the cached price list and the analysis of the
// spooled document, against the last synced balance and quota minus what this client printed
// offline and has not yet uploaded.

#include <filesystem>
#include <optional>
#include <string>

#include "analysis/job_analysis.h"
#include "client/client_cache.h"
#include "core/error.h"
#include "model/affordability.h"
#include "model/client_profile.h"
#include "model/job_costing.h"
#include "model/job_ticket.h"

namespace printline::client {

using JobCosting = model::JobCosting;

// The sides, colour, paper, duplex and copies the job prints under its ticket, priced as the
// server prices them (model/job_costing.h, D11). Unknown colour is priced as colour (the
// estimate errs high, never low); printer_is_color false: the fallback printer is mono.
Result<JobCosting> cost_job(const analysis::JobAnalysis& analysis, const model::JobTicket& ticket,
                            const std::optional<model::PriceList>& prices,
                            bool printer_is_color = true);

// The analysis of the spooled document, priced (Ghostscript allowed, bounded).
Result<JobCosting> analyze_and_cost(const std::filesystem::path& document,
                                    const model::JobTicket& ticket,
                                    const std::optional<model::PriceList>& prices,
                                    bool printer_is_color = true);

struct ReleaseDecision {
  bool release = true;
  std::string reason;  // when held: what is short and what the user can do
};

ReleaseDecision check_release(const model::FallbackSettings& settings, const CachedState& cache,
                              const Result<JobCosting>& costing,
                              const model::UnsyncedSpending& unsynced, model::Timestamp now);

}  // namespace printline::client
