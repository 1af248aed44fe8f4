#pragma once
// What a job prints and costs, from the analysis of its document: the analysis' pages and
// colour, the largest page's paper, the submitter's copies and sides over the document's own,
// priced with a price list (pricing.h). The server prices every job this way and the desktop
// client estimates an offline job (FP-5) the same way, so both arrive at the same figure.

#include <cstdint>
#include <optional>

#include "analysis/job_analysis.h"
#include "core/error.h"
#include "model/job.h"
#include "model/price_list.h"

namespace printline::model {

struct JobCosting {
  PageCounts counts;
  std::int64_t cost_cents = 0;
};

// copies: the submitter's (0 or 1: the document's own, else 1). duplex: the submitter's
// sides; none means the document's own, else one-sided.
PageCounts count_job_pages(const analysis::JobAnalysis& analysis, int copies,
                           std::optional<bool> duplex);

// The counts, priced. printer_is_color: false only when every printer the job may print on is
// mono. The error is price_job's (a missing price), for the caller to put in its own words.
Result<JobCosting> cost_job_pages(const analysis::JobAnalysis& analysis, int copies,
                                  std::optional<bool> duplex, const PriceList& prices,
                                  bool printer_is_color);

}  // namespace printline::model
