#include "quota_options.h"

#include "core/i18n.h"
#include "model/json_number.h"
#include "option_helpers.h"
#include "output.h"

namespace printline::cli {

void add_quota_options(CLI::App* command, QuotaArguments& args) {
  command->add_option("--quota-period", args.period, tr("Quota period: day, week or month"))
      ->check(CLI::IsMember({"day", "week", "month"}));
  command->add_option("--quota-pages", args.pages, tr("Pages allowed per quota period"));
  command->add_option("--quota-cost", args.cost,
                      tr("Spending allowed per quota period, e.g. 20.00"));
}

std::optional<std::string> quota_field(const QuotaArguments& args, nlohmann::json& body,
                                       const nlohmann::json& current) {
  if (args.none) {
    body["quota"] = nullptr;
    return std::nullopt;
  }
  if (!args.sets_limits()) return std::nullopt;
  nlohmann::json quota = {
      {"period", "month"}, {"page_limit", nullptr}, {"cost_limit_cents", nullptr}};
  if (current.is_object()) {
    for (const char* key : {"period", "page_limit", "cost_limit_cents"}) {
      if (current.contains(key)) quota[key] = current[key];
    }
  }
  if (!args.period.empty()) quota["period"] = args.period;
  if (args.pages) quota["page_limit"] = *args.pages;
  if (args.cost) {
    const auto cents = parse_money(*args.cost);
    if (!cents || *cents < 0) return tr("--quota-cost must be an amount like 20 or 20.50");
    quota["cost_limit_cents"] = *cents;
  }
  body["quota"] = quota;
  return std::nullopt;
}

std::string quota_text(const nlohmann::json& quota) {
  if (!quota.is_object()) return "-";
  std::string limits;
  if (quota.contains("page_limit") && !quota["page_limit"].is_null()) {
    limits = std::to_string(quota["page_limit"].get<std::int64_t>()) + " pages";
  }
  if (quota.contains("cost_limit_cents") && !quota["cost_limit_cents"].is_null()) {
    if (!limits.empty()) limits += ", ";
    limits += money(quota["cost_limit_cents"].get<std::int64_t>());
  }
  std::string text = limits + " per " + field_text(quota, "period");
  if (quota.contains("used_pages")) {
    text += " (used " + field_text(quota, "used_pages") + " pages, " +
            money(model::integer_or(quota, "used_cost_cents", std::int64_t{0})) + ")";
  }
  return text;
}

}  // namespace printline::cli
