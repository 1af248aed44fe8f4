#include "server/job_counts.h"

#include <fmt/format.h>

namespace printline::server {

Result<JobCounting> count_job(const analysis::JobAnalysis& analysis,
                              const model::JobTicket& ticket, const model::PriceList& prices,
                              bool printer_is_color) {
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
