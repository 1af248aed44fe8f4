#include "model/affordability.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.h"
#include "core/money_text.h"
#include "model/quota.h"

namespace printline::model {
namespace {

// Whole sentences per period, so a translation can word each as its language does.
std::string pages_refusal(QuotaPeriod period, std::int64_t pages, std::int64_t left) {
  const auto count = static_cast<unsigned long>(std::max<std::int64_t>(pages, 0));
  const auto remaining = fmt::arg("left", std::max<std::int64_t>(left, 0));
  switch (period) {
    case QuotaPeriod::kDay:
      return trnf("page quota exceeded: the job has {count} page, {left} left today",
                  "page quota exceeded: the job has {count} pages, {left} left today", count,
                  remaining);
    case QuotaPeriod::kWeek:
      return trnf("page quota exceeded: the job has {count} page, {left} left this week",
                  "page quota exceeded: the job has {count} pages, {left} left this week", count,
                  remaining);
    case QuotaPeriod::kMonth:
      break;
  }
  return trnf("page quota exceeded: the job has {count} page, {left} left this month",
              "page quota exceeded: the job has {count} pages, {left} left this month", count,
              remaining);
}

std::string spending_refusal(QuotaPeriod period, const std::string& cost,
                             const std::string& left) {
  switch (period) {
    case QuotaPeriod::kDay:
      return trf("spending quota exceeded: the job costs {cost}, {left} left today",
                 fmt::arg("cost", cost), fmt::arg("left", left));
    case QuotaPeriod::kWeek:
      return trf("spending quota exceeded: the job costs {cost}, {left} left this week",
                 fmt::arg("cost", cost), fmt::arg("left", left));
    case QuotaPeriod::kMonth:
      break;
  }
  return trf("spending quota exceeded: the job costs {cost}, {left} left this month",
             fmt::arg("cost", cost), fmt::arg("left", left));
}

}  // namespace

Affordability can_afford(const User& user, std::int64_t cost_cents, std::int64_t pages,
                         Timestamp now, const UnsyncedSpending& unsynced,
                         std::string_view currency) {
  const std::string language = i18n::current_language();
  const auto money = [&](std::int64_t cents) { return money_text(cents, currency, language); };
  if (user.pays_with_credit) {
    const std::int64_t available = user.balance_cents - unsynced.cost_cents;
    if (cost_cents > available) {
      if (unsynced.cost_cents > 0) {
        return {false, trf("not enough credit: the job costs {cost}, the balance available is "
                           "{available} (after {offline} printed offline); top up your credit "
                           "or print fewer pages",
                           fmt::arg("cost", money(cost_cents)),
                           fmt::arg("available", money(available)),
                           fmt::arg("offline", money(unsynced.cost_cents)))};
      }
      return {false, trf("not enough credit: the job costs {cost}, the balance available is "
                         "{available}; top up your credit or print fewer pages",
                         fmt::arg("cost", money(cost_cents)),
                         fmt::arg("available", money(available)))};
    }
  }
  if (const auto& quota = user.effective_quota()) {
    const Quota q = quota_at(*quota, now);
    if (q.page_limit) {
      const std::int64_t left = *q.page_limit - q.used_pages - unsynced.pages;
      if (pages > left) return {false, pages_refusal(q.period, pages, left)};
    }
    if (q.cost_limit_cents) {
      const std::int64_t left = *q.cost_limit_cents - q.used_cost_cents - unsynced.cost_cents;
      if (cost_cents > left) {
        return {false, spending_refusal(q.period, money(cost_cents),
                                        money(std::max<std::int64_t>(left, 0)))};
      }
    }
  }
  return {};
}

}  // namespace printline::model
