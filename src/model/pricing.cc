#include "model/pricing.h"

#include <fmt/format.h>

namespace printline::model {

Result<std::int64_t> price_job(const PriceList& prices, const PageCounts& counts,
                               bool printer_is_color) {
  if (counts.pages < 0 || counts.color_pages < 0 || counts.color_pages > counts.pages ||
      counts.copies < 1) {
    return Error{fmt::format("cannot price a job of {} pages with {} colour pages and {} copies",
                             counts.pages, counts.color_pages, counts.copies)};
  }
  const std::int64_t color_pages = printer_is_color ? counts.color_pages : 0;
  const std::int64_t mono_pages = counts.pages - color_pages;

  std::int64_t per_copy = 0;
  if (mono_pages > 0) {
    auto mono = prices.price_of(counts.paper, false);
    if (!mono) {
      return Error{fmt::format("the price list has no mono price for {} paper: add one",
                               paper_name(counts.paper))};
    }
    per_copy += mono_pages * *mono;
  }
  if (color_pages > 0) {
    auto color = prices.price_of(counts.paper, true);
    if (!color) {
      return Error{fmt::format("the price list has no colour price for {} paper: add one",
                               paper_name(counts.paper))};
    }
    per_copy += color_pages * *color;
  }
  std::int64_t total = per_copy * counts.copies;
  if (counts.duplex && prices.duplex_discount_percent > 0) {
    // Discount rounded half up, so that the charge rounds half down (in the user's favour).
    total -= (total * prices.duplex_discount_percent + 50) / 100;
  }
  return total;
}

}  // namespace printline::model
