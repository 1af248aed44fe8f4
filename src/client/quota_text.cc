#include "client/quota_text.h"

#include <algorithm>

#include "core/i18n.h"
#include "core/money_text.h"

namespace printline::client {

std::string quota_left_text(const model::Quota& stored, const std::string& currency) {
  const auto quota = model::quota_at(stored, model::now_seconds());
  const auto period = quota.period;
  if (quota.page_limit) {
    const auto limit = static_cast<unsigned long>(std::max<std::int64_t>(0, *quota.page_limit));
    const auto left = std::max<std::int64_t>(0, *quota.page_limit - quota.used_pages);
    // Whole sentences per period, so a translation can place each word where it belongs.
    if (period == model::QuotaPeriod::kDay) {
      return trnf("{left} of {count} page left today", "{left} of {count} pages left today",
                  limit, fmt::arg("left", left));
    }
    if (period == model::QuotaPeriod::kWeek) {
      return trnf("{left} of {count} page left this week",
                  "{left} of {count} pages left this week", limit, fmt::arg("left", left));
    }
    return trnf("{left} of {count} page left this month", "{left} of {count} pages left this month",
                limit, fmt::arg("left", left));
  }
  if (quota.cost_limit_cents) {
    const auto language = i18n::current_language();
    const auto left = money_text(
        std::max<std::int64_t>(0, *quota.cost_limit_cents - quota.used_cost_cents), currency,
        language);
    const auto limit = money_text(*quota.cost_limit_cents, currency, language);
    if (period == model::QuotaPeriod::kDay) {
      return trf("{left} of {limit} left today", fmt::arg("left", left), fmt::arg("limit", limit));
    }
    if (period == model::QuotaPeriod::kWeek) {
      return trf("{left} of {limit} left this week", fmt::arg("left", left),
                 fmt::arg("limit", limit));
    }
    return trf("{left} of {limit} left this month", fmt::arg("left", left),
               fmt::arg("limit", limit));
  }
  return "";
}

}  // namespace printline::client
