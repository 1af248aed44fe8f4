// Retention (docs/operations.md): held jobs nobody released in time are cancelled with a
// reason their owner reads in the job list. Only the job's state changes: its row, its
// charge and every ledger entry stay (accounting is never deleted). The hold time is the
// job's queue's (queues.hold_expiry_seconds), else the server's; 0 never expires.

#include <fmt/format.h>

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {
namespace {

// Held jobs with the hold time that applies to each and its end. Parameters in order: the
// server's hold time twice, the held state, the server's hold time again, then those of the
// caller's own condition (`{}`).
constexpr const char* kHeldJobExpiries =
    "SELECT j.uuid, j.title, COALESCE(q.name, ''), COALESCE(q.hold_expiry_seconds, ?) AS "
    "hold_seconds, "
    "j.submitted_at + COALESCE(q.hold_expiry_seconds, ?) AS ends_at "
    "FROM jobs j LEFT JOIN queues q ON q.id = j.queue_id "
    "WHERE j.state = ? AND COALESCE(q.hold_expiry_seconds, ?) > 0 AND {} ORDER BY ends_at, j.id";

HeldJobExpiry read_expiry(const Query& q) {
  return HeldJobExpiry{q.text(0), q.text(1), q.text(2), q.integer(3), from_unix(q.integer(4))};
}

}  // namespace

Result<std::vector<HeldJobExpiry>> SqlStore::expire_held_jobs(
    model::Timestamp now, std::int64_t default_hold_seconds,
    const std::function<std::string(std::int64_t hold_seconds)>& outcome) {
  return write([&] {
    std::vector<HeldJobExpiry> due;
    {
      auto q = db().query(fmt::format(
          kHeldJobExpiries, "j.submitted_at + COALESCE(q.hold_expiry_seconds, ?) <= ?"));
      const auto held = model::state_name(model::JobState::kHeld);
      q.bind_all(default_hold_seconds, default_hold_seconds, held, default_hold_seconds,
                 default_hold_seconds, to_unix(now));
      while (q.step()) due.push_back(read_expiry(q));
    }
    std::vector<HeldJobExpiry> expired;
    for (auto& job : due) {
      // Still held: a job released meanwhile is left alone.
      auto cancel = db().query(
          "UPDATE jobs SET state = ?, outcome = ? WHERE uuid = ? AND state = ? RETURNING uuid");
      cancel.bind_all(model::state_name(model::JobState::kCancelled), outcome(job.hold_seconds),
                      job.uuid, model::state_name(model::JobState::kHeld));
      if (cancel.step()) expired.push_back(std::move(job));
    }
    return expired;
  });
}

Result<std::vector<HeldJobExpiry>> SqlStore::held_job_expiries(std::int64_t owner_id,
                                                               std::int64_t default_hold_seconds) {
  return read([&] {
    auto q = db().query(fmt::format(kHeldJobExpiries, "j.owner_id = ?"));
    q.bind_all(default_hold_seconds, default_hold_seconds,
               model::state_name(model::JobState::kHeld), default_hold_seconds, owner_id);
    std::vector<HeldJobExpiry> expiries;
    while (q.step()) expiries.push_back(read_expiry(q));
    return expiries;
  });
}

}  // namespace printline::store::sql
