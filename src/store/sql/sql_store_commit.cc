// D10, two-phase submission: a desktop client's job is recorded awaiting its client's
// commit; the commit, the expiry of a job never committed, and a fallback report for a UUID
// the server recorded meet here, each under the store's write lock, so whichever comes first
// decides and the job is printed (and charged) once.

#include <fmt/format.h>

#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::Job;
using model::JobState;

Result<std::optional<Job>> SqlStore::commit_job(std::string_view uuid, JobState committed_state,
                                                std::string_view outcome, bool held_by_pause) {
  return write([&]() -> std::optional<Job> {
    auto job = load_job(uuid);
    if (!job || !job->awaiting_commit) return job;  // unknown, or committed/decided before
    held_by_pause = held_by_pause && committed_state == JobState::kHeld;
    db()
        .query(
            "UPDATE jobs SET awaiting_commit = 0, state = ?, outcome = ?, held_by_pause = ? "
            "WHERE id = ?")
        .bind_all(model::state_name(committed_state), outcome, held_by_pause, job->id)
        .run();
    job->awaiting_commit = false;
    job->state = committed_state;
    job->outcome = std::string(outcome);
    job->held_by_pause = held_by_pause;
    return job;
  });
}

Result<bool> SqlStore::extend_commit_deadline(std::string_view uuid,
                                             model::Timestamp commit_before) {
  return write([&] {
    auto q = db().query(
        "UPDATE jobs SET commit_before = ? WHERE uuid = ? AND awaiting_commit = 1 RETURNING id");
    q.bind_all(to_unix(commit_before), uuid);
    return insert_or_refuse(q, "the job's commit deadline could not be changed").has_value();
  });
}

Result<std::vector<std::string>> SqlStore::expire_uncommitted_jobs(
    model::Timestamp deadline_before, std::string_view outcome) {
  return write([&] {
    // One statement: a job committed in the meantime no longer awaits its commit.
    auto expired = db().query(
        "UPDATE jobs SET state = ?, outcome = ?, awaiting_commit = 0 "
        "WHERE awaiting_commit = 1 AND COALESCE(commit_before, submitted_at) < ? RETURNING uuid");
    expired.bind_all(model::state_name(JobState::kCancelled), outcome, to_unix(deadline_before));
    std::vector<std::string> uuids;
    while (expired.step()) uuids.push_back(expired.text(0));
    return uuids;
  });
}

// A fallback report (origin fallback, printed) for a UUID already recorded. The server's own
// copy of the job that has not printed (awaiting its commit, held, queued, failed, cancelled
// or expired) gives way: the row becomes the fallback print and is charged once. A server
// copy that printed, or is being sent to a printer now, stays as it is, charged once by the
// server, and is flagged printed twice with the fallback printer. Anything else (the same
// report again, another user's UUID) is the duplicate it always was.
RecordedJob SqlStore::meet_recorded_job(const Job& existing, const Job& report) {
  const bool server_copy_meets_fallback = report.origin == model::JobOrigin::kFallback &&
                                          existing.origin == model::JobOrigin::kServer &&
                                          existing.owner_id == report.owner_id;
  if (!server_copy_meets_fallback) return RecordedJob{existing, true, false};
  if (existing.state == JobState::kPrinted || existing.state == JobState::kPrinting) {
    if (existing.also_printed_on || !report.printer_id) return RecordedJob{existing, true, false};
    // The flag is the record; readers word it in their language (the web's Jobs notes, the
    // CLI's "printed twice"), so the outcome keeps saying where the server printed it.
    Job flagged = existing;
    flagged.also_printed_on = report.printer_id;
    db().query("UPDATE jobs SET also_printed_on = ? WHERE id = ?")
        .bind_all(flagged.also_printed_on, flagged.id)
        .run();
    return RecordedJob{flagged, true, false};
  }
  // The server's copy never printed: it is cancelled by becoming the fallback print.
  if (report.printer_id && !load_printer(*report.printer_id)) {
    throw Refusal{fmt::format("job {}: printer id {} does not exist", report.uuid,
                              *report.printer_id)};
  }
  Job printed = report;
  printed.id = existing.id;
  printed.queue_id = existing.queue_id;
  printed.awaiting_commit = false;
  if (!printed.printed_at) printed.printed_at = options_.clock();
  db()
      .query(
          "UPDATE jobs SET printer_id = ?, origin = ?, state = ?, title = ?, pages = ?, "
          "color_pages = ?, paper = ?, duplex = ?, copies = ?, cost_cents = ?, printed_at = ?, "
          "outcome = ?, may_be_counted_twice = ?, ticket = ?, document_format = ?, "
          "awaiting_commit = 0 WHERE id = ?")
      .bind_all(printed.printer_id, model::origin_name(printed.origin),
                model::state_name(printed.state), printed.title, printed.counts.pages,
                printed.counts.color_pages, model::paper_name(printed.counts.paper),
                printed.counts.duplex, printed.counts.copies, printed.cost_cents,
                to_unix(*printed.printed_at), printed.outcome, printed.may_be_counted_twice,
                ticket_text(printed.ticket), printed.document_format, printed.id)
      .run();
  const bool charged = printed.state == JobState::kPrinted && charge_job(printed);
  return RecordedJob{printed, false, charged};
}

}  // namespace printline::store::sql
