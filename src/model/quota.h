#pragma once
// A print quota: pages and/or cost allowed per day, week or month, with what the current
// period has used so far. Periods are calendar periods in UTC (week starts on Monday).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/timestamp.h"

namespace printline::model {

enum class QuotaPeriod { kDay, kWeek, kMonth };

struct Quota {
  QuotaPeriod period = QuotaPeriod::kMonth;
  std::optional<std::int64_t> page_limit;        // pages (impressions) per period
  std::optional<std::int64_t> cost_limit_cents;  // spending per period
  // Usage of the period that started at period_start; stale once a new period begins.
  std::int64_t used_pages = 0;
  std::int64_t used_cost_cents = 0;
  Timestamp period_start{};

  bool operator==(const Quota&) const = default;
};

// What is wrong with the limits (a negative one), or nullopt.
std::optional<std::string> quota_limits_problem(const Quota& quota);

// Start of the period containing t.
Timestamp period_start_of(QuotaPeriod period, Timestamp t);

// The quota as it stands at `now`: usage reset to zero if a new period has begun.
Quota quota_at(const Quota& quota, Timestamp now);

// Adds a job's pages and cost to the quota at `now` (resetting first if a period has passed).
Quota quota_after_use(const Quota& quota, Timestamp now, std::int64_t pages,
                      std::int64_t cost_cents);

void to_json(nlohmann::json& j, QuotaPeriod period);
void from_json(const nlohmann::json& j, QuotaPeriod& period);
void to_json(nlohmann::json& j, const Quota& quota);
// {"period", "page_limit", "cost_limit_cents"}: a quota set for many users (a group's).
nlohmann::json quota_limits_json(const Quota& quota);
void from_json(const nlohmann::json& j, Quota& quota);

}  // namespace printline::model
