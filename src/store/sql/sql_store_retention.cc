// Retention (docs/operations.md): held jobs nobody released in time are cancelled with a
// reason their owner reads in the job list. Only the job's state changes: its row, its
// charge and every ledger entry stay (accounting is never deleted).

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

Result<std::vector<std::string>> SqlStore::expire_held_jobs(model::Timestamp submitted_before,
                                                            std::string_view outcome) {
  return write([&] {
    // One statement: a job released in the meantime is no longer "held" and is left alone.
    auto expired = connection_.query(
        "UPDATE jobs SET state = ?, outcome = ? WHERE state = ? AND submitted_at < ? "
        "RETURNING uuid");
    expired.bind_all(model::state_name(model::JobState::kCancelled), outcome,
                     model::state_name(model::JobState::kHeld), to_unix(submitted_before));
    std::vector<std::string> uuids;
    while (expired.step()) uuids.push_back(expired.text(0));
    return uuids;
  });
}

}  // namespace printline::store::sql
