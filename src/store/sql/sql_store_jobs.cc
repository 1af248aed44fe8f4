// Jobs: idempotent recording by UUID (D6), state changes, charging, listings.

#include <fmt/format.h>

#include "core/job_uuid.h"
#include "model/money.h"
#include "model/quota.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::Job;
using model::JobState;

namespace {

std::optional<std::string> job_problem(const Job& job) {
  if (!is_valid_job_uuid(job.uuid)) {
    return fmt::format("job UUID \"{}\" is not a UUID (like 1b4e28ba-2fa1-4d2b-a3f6-0123456789ab)",
                       job.uuid);
  }
  const auto& c = job.counts;
  if (c.pages < 0 || c.color_pages < 0 || c.color_pages > c.pages || c.copies < 1) {
    return fmt::format("job {}: {} pages with {} colour pages and {} copies do not add up",
                       job.uuid, c.pages, c.color_pages, c.copies);
  }
  if (job.cost_cents < 0) return fmt::format("job {}: a cost cannot be negative", job.uuid);
  if (auto problem = model::ticket_problem(job.ticket))
    return fmt::format("job {}: its ticket is not valid: {}", job.uuid, *problem);
  if (!model::is_document_format(job.document_format))
    return fmt::format("job {}: \"{}\" is not a document format (a MIME type)", job.uuid,
                       job.document_format);
  if (!model::checked_multiply(c.pages, c.copies)) {
    return fmt::format("job {}: {} pages × {} copies is more than can be counted", job.uuid,
                       c.pages, c.copies);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Job> SqlStore::load_job(std::string_view uuid) {
  auto q = db().query(fmt::format("SELECT {} FROM jobs WHERE uuid = ?", kJobColumns));
  q.bind_all(uuid);
  if (!q.step()) return std::nullopt;
  return read_job(q);
}

RecordedJob SqlStore::record_job_in_transaction(const Job& job, std::string_view document) {
  if (auto problem = job_problem(job)) throw Refusal{*problem};
  if (auto existing = load_job(job.uuid)) return meet_recorded_job(*existing, job);  // D10
  // Lock the owner first: inserting the job takes a key-share lock on the owner (foreign key),
  // and taking the row lock only later, in charge_job, would deadlock two uploads of one user.
  require_user_for_update(job.owner_id);
  if (job.printer_id && !load_printer(*job.printer_id)) {
    throw Refusal{fmt::format("job {}: printer id {} does not exist", job.uuid, *job.printer_id)};
  }
  Job stored = job;
  if (stored.state == JobState::kPrinted && !stored.printed_at)
    stored.printed_at = options_.clock();
  // ON CONFLICT DO NOTHING: another connection may have recorded the UUID since load_job
  // above; the UNIQUE constraint decides, and the loser returns the winner's job.
  auto q = db().query(
      "INSERT INTO jobs (uuid, owner_id, queue_id, printer_id, origin, state, title, pages, "
      "color_pages, paper, duplex, copies, cost_cents, submitted_at, printed_at, outcome, "
      "may_be_counted_twice, ticket, document_format, awaiting_commit, commit_before, "
      "held_by_pause, unanalysed) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (uuid) DO NOTHING RETURNING id");
  q.bind_all(stored.uuid, stored.owner_id, stored.queue_id, stored.printer_id,
             model::origin_name(stored.origin), model::state_name(stored.state), stored.title,
             stored.counts.pages, stored.counts.color_pages, model::paper_name(stored.counts.paper),
             stored.counts.duplex, stored.counts.copies, stored.cost_cents,
             to_unix(stored.submitted_at),
             stored.printed_at ? std::optional(to_unix(*stored.printed_at)) : std::nullopt,
             stored.outcome, stored.may_be_counted_twice, ticket_text(stored.ticket),
             stored.document_format, stored.awaiting_commit,
             stored.commit_before ? std::optional(to_unix(*stored.commit_before)) : std::nullopt,
             stored.held_by_pause && stored.state == JobState::kHeld, stored.unanalysed);
  auto id = insert_or_refuse(
      q, fmt::format("job {} refers to a queue, user or printer that does not exist", stored.uuid));
  if (!id) return RecordedJob{*load_job(job.uuid), true, false};
  stored.id = *id;
  if (!document.empty()) {
    db().query("INSERT INTO job_documents (job_uuid, content) VALUES (?, ?)")
        .bind(1, stored.uuid)
        .bind_blob(2, document)
        .run();
  }
  fault("record_job:inserted");

  bool charged = false;
  if (stored.state == JobState::kPrinted) charged = charge_job(stored);
  return RecordedJob{stored, false, charged};
}

bool SqlStore::charge_job(const Job& job) {
  model::User user = require_user_for_update(job.owner_id);
  // Checked (D12): a balance that would wrap is a refusal, never 9.2×10^18 cents of credit.
  const auto after =
      model::Money::cents(user.balance_cents).minus(model::Money::cents(job.cost_cents));
  if (!after) {
    throw Refusal{fmt::format("job {}: charging {} cents to a balance of {} cents overflows the "
                              "ledger; an administrator must correct the balance",
                              job.uuid, job.cost_cents, user.balance_cents)};
  }
  const std::int64_t balance_after = after->cents();
  // The UNIQUE index ledger_once_per_job is the real guard: a second charge of the UUID is
  // not written, whatever path led here.
  auto q = db().query(
      "INSERT INTO ledger (user_id, kind, amount_cents, balance_after_cents, job_uuid, origin, "
      "actor, note, created_at) VALUES (?, 'charge', ?, ?, ?, ?, 'system', ?, ?) "
      "ON CONFLICT DO NOTHING RETURNING id");
  q.bind_all(user.id, job.cost_cents, balance_after, job.uuid, model::origin_name(job.origin),
             job.title, now_unix());
  if (!insert_or_refuse(q, fmt::format("job {} could not be charged", job.uuid))) return false;
  fault("charge:ledger-written");

  std::optional<model::Quota> quota;
  if (const auto& applies = user.effective_quota()) {
    quota = model::quota_after_use(*applies, options_.clock(), job.counts.total_pages(),
                                   job.cost_cents);
  }
  db()
      .query(
          "UPDATE users SET balance_cents = ?, quota_used_pages = ?, "
          "quota_used_cost_cents = ?, quota_period_start = ? WHERE id = ?")
      .bind_all(balance_after, quota ? quota->used_pages : 0, quota ? quota->used_cost_cents : 0,
                quota ? to_unix(quota->period_start) : 0, user.id)
      .run();
  fault("charge:balance-written");
  if (job.printer_id) note_printer_use(user.id, *job.printer_id);
  return true;
}

void SqlStore::note_printer_use(std::int64_t user_id, std::int64_t printer_id) {
  db()
      .query(
          "INSERT INTO printer_history (user_id, printer_id, jobs, last_used) "
          "VALUES (?, ?, 1, ?) ON CONFLICT (user_id, printer_id) DO UPDATE SET "
          "jobs = printer_history.jobs + 1, last_used = excluded.last_used")
      .bind_all(user_id, printer_id, now_unix())
      .run();
}

Result<RecordedJob> SqlStore::record_job(const Job& job) {
  return write([&] { return record_job_in_transaction(job); });
}

Result<std::vector<Result<RecordedJob>>> SqlStore::record_jobs(std::span<const Job> jobs) {
  std::vector<SubmittedJob> submitted;
  submitted.reserve(jobs.size());
  for (const auto& job : jobs) submitted.push_back({job, {}});
  return record_submitted_jobs(submitted);
}

Result<std::vector<Result<RecordedJob>>> SqlStore::record_submitted_jobs(
    std::span<const SubmittedJob> jobs) {
  return write([&] {
    std::vector<Result<RecordedJob>> results;
    results.reserve(jobs.size());
    for (const auto& [job, document] : jobs) {
      Savepoint savepoint(db());
      try {
        results.emplace_back(record_job_in_transaction(job, document));
        savepoint.release();
      } catch (const Refusal& refusal) {
        results.emplace_back(Error{refusal.message});
      }
    }
    return results;
  });
}

Result<Job> SqlStore::set_job_state(std::string_view uuid, JobState state,
                                    std::optional<std::int64_t> printer_id,
                                    std::string_view outcome) {
  return write([&] {
    auto job = load_job(uuid);
    if (!job) throw Refusal{fmt::format("there is no job {}", uuid)};
    if (job->state == JobState::kPrinted) {
      if (state == JobState::kPrinted) return *job;  // repeated report: nothing to do
      throw Refusal{fmt::format("job {} has already printed; it can only be refunded", uuid)};
    }
    if (printer_id) {
      if (!load_printer(*printer_id))
        throw Refusal{fmt::format("there is no printer with id {}", *printer_id)};
      job->printer_id = printer_id;
    }
    job->state = state;
    job->outcome = std::string(outcome);
    job->held_by_pause = false;
    if (state == JobState::kPrinted) job->printed_at = options_.clock();
    db()
        .query(
            "UPDATE jobs SET state = ?, printer_id = ?, outcome = ?, printed_at = ?, "
            "held_by_pause = 0 WHERE id = ?")
        .bind_all(model::state_name(job->state), job->printer_id, job->outcome,
                  job->printed_at ? std::optional(to_unix(*job->printed_at)) : std::nullopt,
                  job->id)
        .run();
    if (state == JobState::kPrinted) charge_job(*job);
    return *job;
  });
}

// The row lock (PostgreSQL; SQLite's write transaction is exclusive anyway) keeps two
// servers from both reading "pending".
bool SqlStore::lock_if_pending(std::string_view uuid) {
  auto q = db().query(
      fmt::format("SELECT state FROM jobs WHERE uuid = ?{}", writer_->dialect().for_update));
  q.bind_all(uuid);
  return q.step() && q.text(0) == model::state_name(JobState::kPending);
}

Result<bool> SqlStore::claim_pending_job(std::string_view uuid, std::string_view outcome,
                                         std::string_view node_name) {
  return write([&] {
    if (!lock_if_pending(uuid)) return false;
    db()
        .query(
            "UPDATE jobs SET state = ?, outcome = ?, printing_node = ?, held_by_pause = 0 "
            "WHERE uuid = ?")
        .bind_all(model::state_name(JobState::kPrinting), outcome, node_name, uuid)
        .run();
    return true;
  });
}

Result<bool> SqlStore::hold_pending_job(std::string_view uuid, std::string_view reason,
                                        bool by_pause) {
  return write([&] {
    if (!lock_if_pending(uuid)) return false;
    db().query("UPDATE jobs SET state = ?, outcome = ?, held_by_pause = ? WHERE uuid = ?")
        .bind_all(model::state_name(JobState::kHeld), reason, by_pause, uuid)
        .run();
    return true;
  });
}

Result<Job> SqlStore::set_job_price(std::string_view uuid, const model::PageCounts& counts,
                                    std::int64_t cost_cents, std::string_view document_format) {
  return write([&] {
    auto job = load_job(uuid);
    if (!job) throw Refusal{fmt::format("there is no job {}", uuid)};
    if (job->state == JobState::kPrinted) {
      throw Refusal{
          fmt::format("job {} has already printed and been charged; refund it instead", uuid)};
    }
    job->counts = counts;
    job->cost_cents = cost_cents;
    job->unanalysed = false;
    if (!document_format.empty()) job->document_format = std::string(document_format);
    if (auto problem = job_problem(*job)) throw Refusal{*problem};
    db()
        .query(
            "UPDATE jobs SET pages = ?, color_pages = ?, paper = ?, duplex = ?, copies = ?, "
            "cost_cents = ?, document_format = ?, unanalysed = 0 WHERE id = ?")
        .bind_all(counts.pages, counts.color_pages, model::paper_name(counts.paper), counts.duplex,
                  counts.copies, cost_cents, job->document_format, job->id)
        .run();
    return *job;
  });
}

Result<std::optional<Job>> SqlStore::find_job(std::string_view uuid) {
  return read([&] { return load_job(uuid); });
}

namespace {

// The WHERE clause of a job filter, and its values bound from parameter 1 on; returns the
// next parameter's index. Listings and counts share it, so they never disagree.
std::string job_filter_where(const JobFilter& filter) {
  std::string sql = " WHERE 1 = 1";
  if (filter.owner_id) sql += " AND owner_id = ?";
  if (filter.printer_id) sql += " AND printer_id = ?";
  if (filter.origin) sql += " AND origin = ?";
  if (filter.state) sql += " AND state = ?";
  if (filter.printed_twice_only) sql += " AND also_printed_on IS NOT NULL";
  if (filter.from) sql += " AND submitted_at >= ?";
  if (filter.to) sql += " AND submitted_at < ?";
  return sql;
}

int bind_job_filter(Query& q, const JobFilter& filter) {
  int i = 0;
  if (filter.owner_id) q.bind(++i, *filter.owner_id);
  if (filter.printer_id) q.bind(++i, *filter.printer_id);
  if (filter.origin) q.bind(++i, model::origin_name(*filter.origin));
  if (filter.state) q.bind(++i, model::state_name(*filter.state));
  if (filter.from) q.bind(++i, to_unix(*filter.from));
  if (filter.to) q.bind(++i, to_unix(*filter.to));
  return i + 1;
}

}  // namespace

Result<std::vector<Job>> SqlStore::list_jobs(const JobFilter& filter) {
  return read([&] {
    auto q = db().query(fmt::format("SELECT {} FROM jobs{} ORDER BY submitted_at DESC, "
                                           "id DESC LIMIT ? OFFSET ?",
                                           kJobColumns, job_filter_where(filter)));
    const int next = bind_job_filter(q, filter);
    q.bind(next, filter.limit);
    q.bind(next + 1, filter.offset);
    std::vector<Job> jobs;
    while (q.step()) jobs.push_back(read_job(q));
    return jobs;
  });
}

Result<std::int64_t> SqlStore::count_jobs(const JobFilter& filter) {
  return read([&] {
    auto q = db().query("SELECT COUNT(*) FROM jobs" + job_filter_where(filter));
    bind_job_filter(q, filter);
    q.step();
    return q.integer(0);
  });
}

Result<std::optional<std::string>> SqlStore::job_document(std::string_view uuid) {
  return read([&]() -> std::optional<std::string> {
    auto q = db().query("SELECT content FROM job_documents WHERE job_uuid = ?");
    q.bind_all(uuid);
    if (!q.step()) return std::nullopt;
    return q.blob(0);
  });
}

Status SqlStore::remove_job_document(std::string_view uuid) {
  return write([&] {
    db().query("DELETE FROM job_documents WHERE job_uuid = ?").bind_all(uuid).run();
    return std::monostate{};
  });
}

Result<std::vector<std::string>> SqlStore::jobs_with_documents() {
  return read([&] {
    std::vector<std::string> uuids;
    auto q = db().query("SELECT job_uuid FROM job_documents ORDER BY job_uuid");
    while (q.step()) uuids.push_back(q.text(0));
    return uuids;
  });
}

Result<std::uint64_t> SqlStore::held_document_bytes(std::int64_t owner_id) {
  return read([&] {
    auto q = db().query(
        "SELECT COALESCE(SUM(length(d.content)), 0) FROM job_documents d "
        "JOIN jobs j ON j.uuid = d.job_uuid WHERE j.owner_id = ? AND j.state = 'held'");
    q.bind_all(owner_id);
    q.step();
    return static_cast<std::uint64_t>(q.integer(0));
  });
}

Result<std::vector<std::string>> SqlStore::unanalysed_jobs() {
  return read([&] {
    std::vector<std::string> uuids;
    auto q = db().query(
        "SELECT uuid FROM jobs WHERE unanalysed = 1 AND state IN ('held', 'pending') "
        "ORDER BY id");
    while (q.step()) uuids.push_back(q.text(0));
    return uuids;
  });
}

Status SqlStore::mark_unanalysed(std::string_view uuid) {
  return write([&] {
    db().query("UPDATE jobs SET unanalysed = 1 WHERE uuid = ?").bind_all(uuid).run();
    return std::monostate{};
  });
}

}  // namespace printline::store::sql
