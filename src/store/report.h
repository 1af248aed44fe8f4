#pragma once
// Accounting report rows: printed jobs summed per user, per group of users, per printer or per
// period (UTC calendar day, ISO week, month).

#include <cstdint>
#include <string>

namespace printline::store {

// kUserGroup: a job counts in every group its owner is a member of (a user in two groups
// counts in both), and in "(no group)" when they are in none.
enum class ReportGrouping { kUser, kUserGroup, kPrinter, kDay, kWeek, kMonth };

struct ReportRow {
  std::string key;  // user login, user group ("(no group)"), printer name ("(none)" if
                    // unknown), "2026-11-24",
                    // "2026-W48" or "2026-11"
  std::int64_t jobs = 0;
  std::int64_t pages = 0;  // all copies
  std::int64_t color_pages = 0;
  std::int64_t cost_cents = 0;
  // Of pages, those printed on both sides of the sheet (D11: the job's sides as printed).
  std::int64_t duplex_pages = 0;
  // Set when a sum is beyond what 64-bit integers hold exactly (rows recorded before D12's
  // bounds): the figures are then clamped, and the report says so instead of failing.
  bool overflow = false;

  bool operator==(const ReportRow&) const = default;
};

}  // namespace printline::store
