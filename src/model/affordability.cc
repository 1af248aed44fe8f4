#include "model/affordability.h"

#include <fmt/format.h>

#include "model/quota.h"

namespace printline::model {
namespace {

std::string money(std::int64_t cents) {
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", std::abs(cents) / 100,
                     std::abs(cents) % 100);
}

}  // namespace

Affordability can_afford(const User& user, std::int64_t cost_cents, std::int64_t pages,
                         Timestamp now, const UnsyncedSpending& unsynced) {
  if (user.pays_with_credit) {
    const std::int64_t available = user.balance_cents - unsynced.cost_cents;
    if (cost_cents > available) {
      return {false,
              fmt::format("not enough credit: the job costs {}, the balance available is {}"
                          "{}; top up your credit or print fewer pages",
                          money(cost_cents), money(available),
                          unsynced.cost_cents > 0 ? fmt::format(" (after {} printed offline)",
                                                                money(unsynced.cost_cents))
                                                  : "")};
    }
  }
  if (const auto& quota = user.effective_quota()) {
    const Quota q = quota_at(*quota, now);
    if (q.page_limit) {
      const std::int64_t left = *q.page_limit - q.used_pages - unsynced.pages;
      if (pages > left) {
        return {false, fmt::format("page quota exceeded: the job has {} pages, {} left this {}",
                                   pages, std::max<std::int64_t>(left, 0),
                                   nlohmann::json(q.period).get<std::string>())};
      }
    }
    if (q.cost_limit_cents) {
      const std::int64_t left = *q.cost_limit_cents - q.used_cost_cents - unsynced.cost_cents;
      if (cost_cents > left) {
        return {false, fmt::format("spending quota exceeded: the job costs {}, {} left this {}",
                                   money(cost_cents), money(std::max<std::int64_t>(left, 0)),
                                   nlohmann::json(q.period).get<std::string>())};
      }
    }
  }
  return {};
}

}  // namespace printline::model
