// The ledger (top-ups, refunds, the charges written by sqlite_store_jobs.cc), printer
// history, reports and the audit log.

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/i18n.h"
#include "model/money.h"
#include "store/sql/sql_rows.h"
#include "store/sql/sql_store.h"

namespace printline::store::sql {

using model::LedgerEntry;
using model::LedgerKind;

LedgerEntry SqlStore::append_ledger(const model::User& user, LedgerKind kind, std::int64_t amount,
                                    std::optional<std::string> job_uuid,
                                    std::optional<model::JobOrigin> origin, std::string_view actor,
                                    std::string_view note) {
  LedgerEntry entry;
  entry.user_id = user.id;
  entry.kind = kind;
  entry.amount_cents = amount;
  // Checked (D12): a top-up or refund that would wrap the balance is refused.
  const auto after =
      model::Money::cents(user.balance_cents).plus(model::Money::cents(entry.balance_delta()));
  if (!after) {
    throw Refusal{trf("{amount} cents on a balance of {balance} cents overflows the ledger",
                      fmt::arg("amount", amount), fmt::arg("balance", user.balance_cents))};
  }
  entry.balance_after_cents = after->cents();
  entry.job_uuid = std::move(job_uuid);
  entry.origin = origin;
  entry.actor = std::string(actor);
  entry.note = std::string(note);
  entry.created_at = options_.clock();
  auto q = db().query(
      "INSERT INTO ledger (user_id, kind, amount_cents, balance_after_cents, job_uuid, origin, "
      "actor, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  q.bind_all(entry.user_id, model::ledger_kind_name(kind), entry.amount_cents,
             entry.balance_after_cents, entry.job_uuid,
             origin ? std::optional(std::string(model::origin_name(*origin))) : std::nullopt,
             entry.actor, entry.note, to_unix(entry.created_at));
  entry.id =
      *insert_or_refuse(q, kind == LedgerKind::kRefund
                               ? trf("job {uuid} has already been refunded",
                                     fmt::arg("uuid", entry.job_uuid.value_or("?")))
                               : trf("job {uuid} has already been charged",
                                     fmt::arg("uuid", entry.job_uuid.value_or("?"))));
  fault("ledger:appended");
  db().query("UPDATE users SET balance_cents = ? WHERE id = ?")
      .bind_all(entry.balance_after_cents, user.id)
      .run();
  return entry;
}

Result<LedgerEntry> SqlStore::top_up(std::int64_t user_id, std::int64_t cents,
                                     std::string_view note, const Actor& actor) {
  if (cents <= 0) return Error{tr("a top-up must be a positive amount")};
  return write([&] {
    const model::User user = require_user_for_update(user_id);
    auto entry = append_ledger(user, LedgerKind::kTopUp, cents, std::nullopt, std::nullopt,
                               actor.login, note);
    audit(actor, "top-up", "user", user.login, nlohmann::json(entry).dump());
    return entry;
  });
}

Result<LedgerEntry> SqlStore::refund_job(std::string_view uuid, std::string_view note,
                                         const Actor& actor) {
  return write([&] {
    std::int64_t user_id = 0;
    std::int64_t amount = 0;
    std::optional<model::JobOrigin> origin;
    {
      auto q = db().query(
          "SELECT user_id, amount_cents, origin FROM ledger WHERE job_uuid = ? AND kind = "
          "'charge'");
      q.bind_all(uuid);
      if (!q.step())
        throw Refusal{trf("job {uuid} was never charged, so it cannot be refunded",
                          fmt::arg("uuid", uuid))};
      user_id = q.integer(0);
      amount = q.integer(1);
      if (auto o = q.optional_text(2)) origin = model::origin_from_name(*o);
    }
    const model::User user = require_user_for_update(user_id);
    auto entry = append_ledger(user, LedgerKind::kRefund, amount, std::string(uuid), origin,
                               actor.login, note);
    audit(actor, "refund", "job", std::string(uuid), nlohmann::json(entry).dump());
    return entry;
  });
}

Result<std::vector<LedgerEntry>> SqlStore::ledger_of(std::int64_t user_id) {
  return read([&] {
    std::vector<LedgerEntry> entries;
    auto q = db().query(
        fmt::format("SELECT {} FROM ledger WHERE user_id = ? ORDER BY id", kLedgerColumns));
    q.bind_all(user_id);
    while (q.step()) entries.push_back(read_ledger_entry(q));
    return entries;
  });
}

Result<std::vector<PrinterUse>> SqlStore::printer_history(std::int64_t user_id) {
  return read([&] {
    std::vector<PrinterUse> uses;
    auto q = db().query(
        "SELECT printer_id, jobs, last_used FROM printer_history WHERE user_id = ? "
        "ORDER BY last_used DESC, printer_id");
    q.bind_all(user_id);
    while (q.step()) uses.push_back({q.integer(0), q.integer(1), from_unix(q.integer(2))});
    return uses;
  });
}

namespace {

// A sum the database added in double precision (D12: a report never fails on data in the
// database, where an integer SUM of absurd rows raised "integer overflow"). Exact below 2^53;
// from there on the figure is flagged, and clamped to the int64 range.
std::int64_t wide_sum(const Query& q, int column, bool& overflow) {
  if (q.is_null(column)) return 0;
  const double value = std::strtod(q.text(column).c_str(), nullptr);
  constexpr double kExact = 9007199254740992.0;     // 2^53
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (!(std::fabs(value) < kExact)) overflow = true;
  if (!(value < kLimit)) return std::numeric_limits<std::int64_t>::max();
  if (!(value >= -kLimit)) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(std::llround(value));
}

}  // namespace

Result<std::vector<ReportRow>> SqlStore::report(ReportGrouping grouping, const JobFilter& filter) {
  const Dialect& dialect = writer_->dialect();
  std::string key;
  switch (grouping) {
    case ReportGrouping::kUser:
      key = "u.login";
      break;
    case ReportGrouping::kUserGroup:
      key = "COALESCE(g.name, '(no group)')";
      break;
    case ReportGrouping::kPrinter:
      key = "COALESCE(p.name, '(none)')";
      break;
    case ReportGrouping::kDay:
      key = fmt::format(fmt::runtime(dialect.day_key), "j.submitted_at");
      break;
    case ReportGrouping::kWeek:
      key = fmt::format(fmt::runtime(dialect.week_key), "j.submitted_at");
      break;
    case ReportGrouping::kMonth:
      key = fmt::format(fmt::runtime(dialect.month_key), "j.submitted_at");
      break;
  }
  return read([&] {
    std::string sql = fmt::format(
        "SELECT {} AS k, COUNT(*), SUM(CAST(j.pages AS DOUBLE PRECISION) * j.copies), "
        "SUM(CAST(j.color_pages AS DOUBLE PRECISION) * j.copies), "
        "SUM(CAST(j.cost_cents AS DOUBLE PRECISION)), "
        "SUM(CASE WHEN j.duplex <> 0 THEN CAST(j.pages AS DOUBLE PRECISION) * j.copies ELSE 0 END) "
        "FROM jobs j JOIN users u ON u.id = j.owner_id "
        "LEFT JOIN printers p ON p.id = j.printer_id {} WHERE j.state = 'printed'",
        key,
        grouping == ReportGrouping::kUserGroup
            ? "LEFT JOIN user_group_members m ON m.user_id = u.id "
              "LEFT JOIN user_groups g ON g.id = m.group_id"
            : "");
    if (filter.owner_id) sql += " AND j.owner_id = ?";
    if (filter.printer_id) sql += " AND j.printer_id = ?";
    if (filter.origin) sql += " AND j.origin = ?";
    if (filter.from) sql += " AND j.submitted_at >= ?";
    if (filter.to) sql += " AND j.submitted_at < ?";
    sql += " GROUP BY k ORDER BY k";
    auto q = db().query(sql);
    int i = 0;
    if (filter.owner_id) q.bind(++i, *filter.owner_id);
    if (filter.printer_id) q.bind(++i, *filter.printer_id);
    if (filter.origin) q.bind(++i, model::origin_name(*filter.origin));
    if (filter.from) q.bind(++i, to_unix(*filter.from));
    if (filter.to) q.bind(++i, to_unix(*filter.to));
    std::vector<ReportRow> rows;
    while (q.step()) {
      ReportRow row{q.text(0), q.integer(1)};
      row.pages = wide_sum(q, 2, row.overflow);
      row.color_pages = wide_sum(q, 3, row.overflow);
      row.cost_cents = wide_sum(q, 4, row.overflow);
      row.duplex_pages = wide_sum(q, 5, row.overflow);
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

Result<std::vector<model::AuditEntry>> SqlStore::audit_log(int limit) {
  return read([&] {
    std::vector<model::AuditEntry> entries;
    auto q = db().query(
        "SELECT id, at, actor, action, object_kind, object_name, details FROM audit_log "
        "ORDER BY id DESC LIMIT ?");
    q.bind_all(limit);
    while (q.step()) {
      entries.push_back({q.integer(0), from_unix(q.integer(1)), q.text(2), q.text(3), q.text(4),
                         q.text(5), q.text(6)});
    }
    return entries;
  });
}

}  // namespace printline::store::sql
