#include "store/sql/sql_rows.h"

namespace printline::store::sql {

using model::Timestamp;

Timestamp from_unix(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }
std::int64_t to_unix(Timestamp t) { return t.time_since_epoch().count(); }

std::string text_of(model::QuotaPeriod period) { return nlohmann::json(period).get<std::string>(); }

model::User read_user(const Query& q) {
  model::User u;
  u.id = q.integer(0);
  u.login = q.text(1);
  u.name = q.text(2);
  u.email = q.text(3);
  u.role = q.text(4) == "admin" ? model::Role::kAdmin : model::Role::kUser;
  u.password_hash = q.text(5);
  u.pin_hash = q.optional_text(6);
  u.balance_cents = q.integer(7);
  u.pays_with_credit = q.boolean(8);
  u.quota = read_quota_limits(q, 9);
  if (u.quota) {
    u.quota->used_pages = q.integer(12);
    u.quota->used_cost_cents = q.integer(13);
    u.quota->period_start = from_unix(q.integer(14));
  }
  u.language = q.text(15);
  u.card_hash = q.optional_text(16);
  u.source = q.text(17);
  u.directory_dn = q.text(18);
  u.disabled = q.boolean(19);
  u.disabled_by_directory = q.boolean(20);
  return u;
}

std::optional<model::Quota> read_quota_limits(const Query& q, int first) {
  auto period = q.optional_text(first);
  if (!period) return std::nullopt;
  model::Quota quota;
  quota.period = nlohmann::json(*period).get<model::QuotaPeriod>();
  quota.page_limit = q.optional_integer(first + 1);
  quota.cost_limit_cents = q.optional_integer(first + 2);
  return quota;
}

QuotaLimitColumns quota_limit_columns(const std::optional<model::Quota>& quota) {
  if (!quota) return {};
  return {text_of(quota->period), quota->page_limit, quota->cost_limit_cents};
}

model::UserGroup read_user_group(const Query& q) {
  model::UserGroup group;
  group.id = q.integer(0);
  group.name = q.text(1);
  group.description = q.text(2);
  group.source = q.text(3);
  group.initial_credit_cents = q.integer(4);
  group.quota = read_quota_limits(q, 5);
  return group;
}

namespace {

// "a,b" → {"a", "b"}; "" → {}.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

}  // namespace

model::Printer read_printer(const Query& q) {
  model::Printer p;
  p.id = q.integer(0);
  p.name = q.text(1);
  p.device_uri = q.text(2);
  p.color = q.boolean(3);
  p.largest_paper = model::paper_from_name(q.text(4)).value_or(model::PaperSize::kA4);
  p.duplex = q.boolean(5);
  p.vendor = q.text(6);
  p.location = q.text(7);
  p.fallback_allowed = q.boolean(8);
  if (auto protocol = q.optional_text(9)) {
    p.spooling_port =
        model::DevicePort{model::protocol_from_name(*protocol).value_or(model::PortProtocol::kRaw),
                          static_cast<int>(q.integer(10)), q.text(11)};
  }
  p.language = model::language_from_keyword(q.text(12)).value_or(model::PrinterLanguage::kAuto);
  p.paper_sizes = model::parse_paper_list(q.text(13)).value_or(std::vector<model::PaperSize>{});
  p.document_formats = split_list(q.text(14));
  return p;
}

model::Job read_job(const Query& q) {
  model::Job j;
  j.id = q.integer(0);
  j.uuid = q.text(1);
  j.owner_id = q.integer(2);
  j.queue_id = q.optional_integer(3);
  j.printer_id = q.optional_integer(4);
  j.origin = model::origin_from_name(q.text(5)).value_or(model::JobOrigin::kServer);
  j.state = model::state_from_name(q.text(6)).value_or(model::JobState::kPending);
  j.title = q.text(7);
  j.counts.pages = q.integer(8);
  j.counts.color_pages = q.integer(9);
  j.counts.paper = model::paper_from_name(q.text(10)).value_or(model::PaperSize::kA4);
  j.counts.duplex = q.boolean(11);
  j.counts.copies = q.integer(12);
  j.cost_cents = q.integer(13);
  j.submitted_at = from_unix(q.integer(14));
  if (auto printed = q.optional_integer(15)) j.printed_at = from_unix(*printed);
  j.outcome = q.text(16);
  j.may_be_counted_twice = q.boolean(17);
  // Only the store writes this column, from a checked ticket; a row it cannot read (edited by
  // hand) shows as the default ticket rather than making the job unreadable.
  try {
    j.ticket = nlohmann::json::parse(q.text(18)).get<model::JobTicket>();
  } catch (const nlohmann::json::exception&) {
    j.ticket = {};
  }
  j.document_format = q.text(19);
  j.awaiting_commit = q.boolean(20);
  j.also_printed_on = q.optional_integer(21);
  if (auto deadline = q.optional_integer(22)) j.commit_before = from_unix(*deadline);
  j.held_by_pause = q.boolean(23);
  j.unanalysed = q.boolean(24);
  return j;
}

std::string ticket_text(const model::JobTicket& ticket) { return nlohmann::json(ticket).dump(); }

model::LedgerEntry read_ledger_entry(const Query& q) {
  model::LedgerEntry e;
  e.id = q.integer(0);
  e.user_id = q.integer(1);
  e.kind = model::ledger_kind_from_name(q.text(2)).value_or(model::LedgerKind::kCharge);
  e.amount_cents = q.integer(3);
  e.balance_after_cents = q.integer(4);
  e.job_uuid = q.optional_text(5);
  if (auto origin = q.optional_text(6)) e.origin = model::origin_from_name(*origin);
  e.actor = q.text(7);
  e.note = q.text(8);
  e.created_at = from_unix(q.integer(9));
  return e;
}

}  // namespace printline::store::sql
