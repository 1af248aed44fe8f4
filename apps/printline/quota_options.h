#pragma once
// The quota options of `printline admin users` (a user's own quota) and `admin user-groups`
// (the quota of members without their own): a period and limits; usage is the server's.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace printline::cli {

struct QuotaArguments {
  std::string period;  // day, week, month
  std::optional<std::int64_t> pages;
  std::optional<std::string> cost;
  bool none = false;  // --no-quota

  bool sets_limits() const { return !none && (!period.empty() || pages || cost); }
};

// --quota-period, --quota-pages, --quota-cost.
void add_quota_options(CLI::App* command, QuotaArguments& args);

// Puts "quota" into the body when an option asks for it, over `current` (the stored quota on
// update, so that --quota-pages alone keeps the period and the cost limit); a message when a
// value is wrong.
std::optional<std::string> quota_field(const QuotaArguments& args, nlohmann::json& body,
                                       const nlohmann::json& current = nullptr);

// "500 pages, €20.00 per month (used 12 pages, €1.20)"; "-" for none. The usage only when the
// quota carries it (a user's, not a group's).
std::string quota_text(const nlohmann::json& quota);

}  // namespace printline::cli
