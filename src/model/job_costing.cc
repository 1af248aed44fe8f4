#include "model/job_costing.h"

#include "model/paper_size.h"
#include "model/pricing.h"

namespace printline::model {
namespace {

// The paper of the largest page: a mixed A4/A3 job is priced at A3 for all pages, which errs
// on the side the administrator can explain.
PaperSize paper_of(const analysis::JobAnalysis& analysis) {
  std::optional<PaperSize> chosen;
  for (const auto& page : analysis.pages) {
    auto paper = paper_from_name(page.paper);
    if (!paper) continue;
    if (!chosen || paper_short_edge_mm(*paper) > paper_short_edge_mm(*chosen)) chosen = paper;
  }
  return chosen.value_or(PaperSize::kA4);
}

}  // namespace

PageCounts count_job_pages(const analysis::JobAnalysis& analysis, int copies,
                           std::optional<bool> duplex) {
  PageCounts counts;
  counts.pages = analysis.page_count();
  counts.color_pages = analysis.color_page_count();
  counts.paper = paper_of(analysis);
  counts.duplex = duplex.value_or(analysis.duplex.value_or(false));
  counts.copies = copies > 1 ? copies : analysis.copies.value_or(1);
  if (counts.copies < 1) counts.copies = 1;
  return counts;
}

Result<JobCosting> cost_job_pages(const analysis::JobAnalysis& analysis, int copies,
                                  std::optional<bool> duplex, const PriceList& prices,
                                  bool printer_is_color) {
  JobCosting costing;
  costing.counts = count_job_pages(analysis, copies, duplex);
  auto cost = price_job(prices, costing.counts, printer_is_color);
  if (!cost.ok()) return cost.error();
  costing.cost_cents = *cost;
  return costing;
}

}  // namespace printline::model
