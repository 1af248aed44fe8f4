#include "server/job_counts.h"

#include <fmt/format.h>

namespace printline::server {

Result<JobCounting> count_job(const analysis::JobAnalysis& analysis,
                              const model::JobTicket& ticket, const model::PriceList& prices,
                              bool printer_is_color) {
  // Nothing would print and nothing be charged: refused, not printed as a blank job.
  if (auto problem = model::page_ranges_problem(
          ticket, static_cast<std::int64_t>(analysis.pages.size()))) {
    return Error{fmt::format("This job cannot be printed: {}.", *problem)};
  }
  auto costing = model::cost_job_pages(analysis, ticket, prices, printer_is_color);
  if (!costing.ok()) {
    return Error{
        fmt::format("This job cannot be priced: {}. Ask an administrator to complete "
                    "the price list.",
                    costing.error().message)};
  }
  return costing;
}

}  // namespace printline::server
