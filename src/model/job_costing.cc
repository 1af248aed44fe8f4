#include "model/job_costing.h"

#include "model/paper_size.h"
#include "model/pricing.h"

namespace printline::model {
namespace {

// The paper of the largest selected page: a mixed A4/A3 job is priced at A3 for all pages,
// which errs on the side the administrator can explain.
PaperSize paper_of(const analysis::JobAnalysis& analysis, const JobTicket& ticket) {
  if (auto asked = ticket_paper(ticket)) return *asked;  // printed on the paper asked for
  std::optional<PaperSize> chosen;
  for (std::size_t i = 0; i < analysis.pages.size(); ++i) {
    if (!page_selected(ticket, static_cast<std::int64_t>(i) + 1)) continue;
    auto paper = paper_from_name(analysis.pages[i].paper);
    if (!paper) continue;
    if (!chosen || paper_short_edge_mm(*paper) > paper_short_edge_mm(*chosen)) chosen = paper;
  }
  return chosen.value_or(PaperSize::kA4);
}

}  // namespace

PageCounts count_job_pages(const analysis::JobAnalysis& analysis, const JobTicket& ticket,
                           bool printer_is_color) {
  const int per_side = is_valid_number_up(ticket.number_up) ? ticket.number_up : 1;
  const bool mono = !printer_is_color || ticket.color_mode == ColorMode::kMonochrome;
  PageCounts counts;
  // The selected pages, in order, fill the sides per_side at a time.
  std::int64_t on_this_side = 0;
  bool side_is_color = false;
  for (std::size_t i = 0; i < analysis.pages.size(); ++i) {
    if (!page_selected(ticket, static_cast<std::int64_t>(i) + 1)) continue;
    side_is_color = side_is_color || analysis.pages[i].color;
    if (++on_this_side == per_side) {
      ++counts.pages;
      if (side_is_color && !mono) ++counts.color_pages;
      on_this_side = 0;
      side_is_color = false;
    }
  }
  if (on_this_side > 0) {
    ++counts.pages;
    if (side_is_color && !mono) ++counts.color_pages;
  }
  counts.paper = paper_of(analysis, ticket);
  counts.duplex = ticket.sides ? *ticket.sides != Sides::kOneSided
                               : analysis.duplex.value_or(false);
  counts.copies = ticket.copies > 1 ? ticket.copies : analysis.copies.value_or(1);
  if (counts.copies < 1) counts.copies = 1;
  return counts;
}

PageCounts counts_on_printer(PageCounts counts, bool printer_is_color) {
  if (!printer_is_color) counts.color_pages = 0;
  return counts;
}

Result<JobCosting> cost_job_pages(const analysis::JobAnalysis& analysis, const JobTicket& ticket,
                                  const PriceList& prices, bool printer_is_color) {
  JobCosting costing;
  costing.counts = count_job_pages(analysis, ticket, printer_is_color);
  auto cost = price_job(prices, costing.counts, printer_is_color);
  if (!cost.ok()) return cost.error();
  costing.cost_cents = *cost;
  return costing;
}

}  // namespace printline::model
