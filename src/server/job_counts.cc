#include "server/job_counts.h"

#include <fmt/format.h>

#include "model/pricing.h"

namespace printline::server {
namespace {

// The paper of the largest page: a mixed A4/A3 job is priced at A3 for all pages, which errs
// on the side the administrator can explain.
model::PaperSize paper_of(const analysis::JobAnalysis& analysis) {
  std::optional<model::PaperSize> chosen;
  for (const auto& page : analysis.pages) {
    auto paper = model::paper_from_name(page.paper);
    if (!paper) continue;
    if (!chosen || model::paper_short_edge_mm(*paper) > model::paper_short_edge_mm(*chosen))
      chosen = paper;
  }
  return chosen.value_or(model::PaperSize::kA4);
}

}  // namespace

Result<JobCounting> count_job(const analysis::JobAnalysis& analysis, int copies,
                              std::optional<bool> duplex, const model::PriceList& prices,
                              bool printer_is_color) {
  JobCounting counting;
  auto& counts = counting.counts;
  counts.pages = analysis.page_count();
  counts.color_pages = analysis.color_page_count();
  counts.paper = paper_of(analysis);
  counts.duplex = duplex.value_or(analysis.duplex.value_or(false));
  counts.copies = copies > 1 ? copies : analysis.copies.value_or(1);
  if (counts.copies < 1) counts.copies = 1;
  auto cost = model::price_job(prices, counts, printer_is_color);
  if (!cost.ok()) {
    return Error{
        fmt::format("This job cannot be priced: {}. Ask an administrator to complete "
                    "the price list.",
                    cost.error().message)};
  }
  counting.cost_cents = *cost;
  return counting;
}

}  // namespace printline::server
