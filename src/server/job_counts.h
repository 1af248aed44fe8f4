#pragma once
// What a spooled job prints and costs: the analysis' pages and colour, the submitter's copies
// and sides (the document's own settings when the submitter gave none), priced with the
// server's price list.

#include <cstdint>
#include <optional>

#include "analysis/job_analysis.h"
#include "core/error.h"
#include "model/job.h"
#include "model/price_list.h"

namespace printline::server {

struct JobCounting {
  model::PageCounts counts;
  std::int64_t cost_cents = 0;
};

// printer_is_color: false only when every printer the job may print on is mono (colour pages
// then come out black and are priced as mono).
Result<JobCounting> count_job(const analysis::JobAnalysis& analysis, int copies,
                              std::optional<bool> duplex, const model::PriceList& prices,
                              bool printer_is_color);

}  // namespace printline::server
