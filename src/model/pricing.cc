#include "model/pricing.h"

#include <fmt/format.h>

#include "model/money.h"

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

  // Checked arithmetic (D12): a count no printer could print is a refusal, not a wrapped price.
  const auto too_large = [&] {
    return Error{fmt::format("a job of {} pages × {} copies costs more than the ledger can hold",
                             counts.pages, counts.copies)};
  };
  Money per_copy;
  if (mono_pages > 0) {
    auto mono = prices.price_of(counts.paper, false);
    if (!mono) {
      return Error{fmt::format("the price list has no mono price for {} paper: add one",
                               paper_name(counts.paper))};
    }
    auto part = Money::cents(*mono).times(mono_pages);
    auto sum = part ? per_copy.plus(*part) : std::nullopt;
    if (!sum) return too_large();
    per_copy = *sum;
  }
  if (color_pages > 0) {
    auto color = prices.price_of(counts.paper, true);
    if (!color) {
      return Error{fmt::format("the price list has no colour price for {} paper: add one",
                               paper_name(counts.paper))};
    }
    auto part = Money::cents(*color).times(color_pages);
    auto sum = part ? per_copy.plus(*part) : std::nullopt;
    if (!sum) return too_large();
    per_copy = *sum;
  }
  auto total = per_copy.times(counts.copies);
  if (!total) return too_large();
  if (counts.duplex && prices.duplex_discount_percent > 0) {
    // Discount rounded half up, so that the charge rounds half down (in the user's favour).
    auto scaled = total->times(prices.duplex_discount_percent);
    auto rounded = scaled ? scaled->plus(Money::cents(50)) : std::nullopt;
    if (!rounded) return too_large();
    total = total->minus(Money::cents(rounded->cents() / 100));
    if (!total) return too_large();
  }
  return total->cents();
}

}  // namespace printline::model
