#pragma once
// Column lists and row readers shared by the SQLite store's files, so each table is mapped
// to its model type in one place.

#include <string>

#include "model/job.h"
#include "model/ledger_entry.h"
#include "model/printer.h"
#include "model/user.h"
#include "model/user_group.h"
#include "store/sql/sql_layer.h"

namespace printline::store::sql {

inline constexpr const char* kUserColumns =
    "id, login, name, email, role, password_hash, pin_hash, balance_cents, pays_with_credit, "
    "quota_period, quota_page_limit, quota_cost_limit_cents, quota_used_pages, "
    "quota_used_cost_cents, quota_period_start, language, card_hash, source, directory_dn, disabled, disabled_by_directory";
model::User read_user(const Query& q);

// A quota's period and limits from three columns (period, page limit, cost limit) starting
// at `first`; nullopt when the period is NULL (no quota). Usage is left at zero.
std::optional<model::Quota> read_quota_limits(const Query& q, int first);
// The other way: the three columns' values, all NULL without a quota.
struct QuotaLimitColumns {
  std::optional<std::string> period;
  std::optional<std::int64_t> page_limit;
  std::optional<std::int64_t> cost_limit_cents;
};
QuotaLimitColumns quota_limit_columns(const std::optional<model::Quota>& quota);

// Without members (table user_group_members).
inline constexpr const char* kUserGroupColumns =
    "id, name, description, source, initial_credit_cents, quota_period, quota_page_limit, "
    "quota_cost_limit_cents";
model::UserGroup read_user_group(const Query& q);

inline constexpr const char* kPrinterColumns =
    "id, name, device_uri, color, largest_paper, duplex, vendor, location, fallback_allowed, "
    "spool_protocol, spool_port, spool_queue, language, paper_sizes, document_formats";
model::Printer read_printer(const Query& q);

inline constexpr const char* kJobColumns =
    "id, uuid, owner_id, queue_id, printer_id, origin, state, title, pages, color_pages, paper, "
    "duplex, copies, cost_cents, submitted_at, printed_at, outcome, may_be_counted_twice, "
    "ticket, document_format, awaiting_commit, also_printed_on, commit_before, held_by_pause, "
    "unanalysed";
model::Job read_job(const Query& q);
// The job's ticket as stored in jobs.ticket: JSON text (model/job_ticket.h).
std::string ticket_text(const model::JobTicket& ticket);

inline constexpr const char* kLedgerColumns =
    "id, user_id, kind, amount_cents, balance_after_cents, job_uuid, origin, actor, note, "
    "created_at";
model::LedgerEntry read_ledger_entry(const Query& q);

// Enum text as stored (the same words as the JSON form).
std::string text_of(model::QuotaPeriod period);
model::Timestamp from_unix(std::int64_t seconds);
std::int64_t to_unix(model::Timestamp t);

}  // namespace printline::store::sql
