#include "model/quota.h"

#include "core/i18n.h"
#include "model/json.h"

namespace printline::model {

Timestamp period_start_of(QuotaPeriod period, Timestamp t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t);
  switch (period) {
    case QuotaPeriod::kDay:
      return day;
    case QuotaPeriod::kWeek: {
      const weekday wd{day};
      // iso_encoding: Monday = 1 ... Sunday = 7
      return day - days{wd.iso_encoding() - 1};
    }
    case QuotaPeriod::kMonth: {
      const year_month_day ymd{day};
      return sys_days{ymd.year() / ymd.month() / 1};
    }
  }
  return day;
}

std::optional<std::string> quota_limits_problem(const Quota& quota) {
  if (quota.page_limit.value_or(0) < 0) return tr("a page quota cannot be negative");
  if (quota.cost_limit_cents.value_or(0) < 0) return tr("a spending quota cannot be negative");
  return std::nullopt;
}

Quota quota_at(const Quota& quota, Timestamp now) {
  Quota q = quota;
  const Timestamp start = period_start_of(q.period, now);
  if (q.period_start < start) {
    q.period_start = start;
    q.used_pages = 0;
    q.used_cost_cents = 0;
  }
  return q;
}

Quota quota_after_use(const Quota& quota, Timestamp now, std::int64_t pages,
                      std::int64_t cost_cents) {
  Quota q = quota_at(quota, now);
  q.used_pages += pages;
  q.used_cost_cents += cost_cents;
  return q;
}

void to_json(nlohmann::json& j, QuotaPeriod period) {
  switch (period) {
    case QuotaPeriod::kDay:
      j = "day";
      return;
    case QuotaPeriod::kWeek:
      j = "week";
      return;
    case QuotaPeriod::kMonth:
      j = "month";
      return;
  }
}

void from_json(const nlohmann::json& j, QuotaPeriod& period) {
  const auto s = j.get<std::string>();
  if (s == "day") {
    period = QuotaPeriod::kDay;
  } else if (s == "week") {
    period = QuotaPeriod::kWeek;
  } else if (s == "month") {
    period = QuotaPeriod::kMonth;
  } else {
    throw nlohmann::json::other_error::create(501, "quota period must be day, week or month", &j);
  }
}

nlohmann::json quota_limits_json(const Quota& quota) {
  return {{"period", quota.period},
          {"page_limit", quota.page_limit ? nlohmann::json(*quota.page_limit) : nullptr},
          {"cost_limit_cents",
           quota.cost_limit_cents ? nlohmann::json(*quota.cost_limit_cents) : nullptr}};
}

void to_json(nlohmann::json& j, const Quota& quota) {
  j = quota_limits_json(quota);
  j["used_pages"] = quota.used_pages;
  j["used_cost_cents"] = quota.used_cost_cents;
  j["period_start"] = timestamp_to_json(quota.period_start);
}

void from_json(const nlohmann::json& j, Quota& quota) {
  read_optional_field(j, "period", quota.period);
  quota.page_limit.reset();
  quota.cost_limit_cents.reset();
  read_optional_field(j, "page_limit", quota.page_limit);
  read_optional_field(j, "cost_limit_cents", quota.cost_limit_cents);
  read_optional_field(j, "used_pages", quota.used_pages);
  read_optional_field(j, "used_cost_cents", quota.used_cost_cents);
  if (j.contains("period_start")) {
    quota.period_start = timestamp_from_json(j["period_start"]).value_or(Timestamp{});
  }
}

}  // namespace printline::model
