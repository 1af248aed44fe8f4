#pragma once
// What a job prints and costs (D11: charged as printed), from the analysis of its document and
// the ticket as applied: page-ranges select pages; number-up puts that many document pages on a
// side, so sides = ceil(selected / number-up) per copy and a side is colour when any of its
// pages is; monochrome asked, or a mono printer, makes every side mono; sides asks the duplex
// price; the ticket's copies, over the document's own only when the ticket says 1 and the
// document says more. Priced with a price list (pricing.h). The server prices every job this
// way and the desktop client estimates an offline job (FP-5) the same way, so both arrive at
// the same figure.

#include <cstdint>

#include "analysis/job_analysis.h"
#include "core/error.h"
#include "model/job.h"
#include "model/job_ticket.h"
#include "model/price_list.h"

namespace printline::model {

struct JobCosting {
  PageCounts counts;
  std::int64_t cost_cents = 0;
};

// The sides one copy prints under the ticket (counts.pages), of which colour, the paper (the
// ticket's media size when it names one the model knows, else the largest selected page's),
// duplex and copies. printer_is_color: false when every printer the job may print on is mono.
PageCounts count_job_pages(const analysis::JobAnalysis& analysis, const JobTicket& ticket,
                           bool printer_is_color = true);

// The same counts as printed on a printer that prints colour or not: a held job released to
// a mono printer has every side mono.
PageCounts counts_on_printer(PageCounts counts, bool printer_is_color);

// The counts, priced. The error is price_job's (a missing price), for the caller to put in its
// own words.
Result<JobCosting> cost_job_pages(const analysis::JobAnalysis& analysis, const JobTicket& ticket,
                                  const PriceList& prices, bool printer_is_color);

}  // namespace printline::model
