#include "model/ledger_entry.h"

#include "model/json.h"

namespace printline::model {

std::int64_t LedgerEntry::balance_delta() const {
  return kind == LedgerKind::kCharge ? -amount_cents : amount_cents;
}

std::string_view ledger_kind_name(LedgerKind kind) {
  switch (kind) {
    case LedgerKind::kCharge:
      return "charge";
    case LedgerKind::kRefund:
      return "refund";
    case LedgerKind::kTopUp:
      return "top-up";
  }
  return "charge";
}

std::optional<LedgerKind> ledger_kind_from_name(std::string_view name) {
  for (auto k : {LedgerKind::kCharge, LedgerKind::kRefund, LedgerKind::kTopUp}) {
    if (ledger_kind_name(k) == name) return k;
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, LedgerKind kind) { j = std::string(ledger_kind_name(kind)); }

void from_json(const nlohmann::json& j, LedgerKind& kind) {
  auto k = ledger_kind_from_name(j.get<std::string>());
  if (!k)
    throw nlohmann::json::other_error::create(501, "kind must be charge, refund or top-up", &j);
  kind = *k;
}

void to_json(nlohmann::json& j, const LedgerEntry& entry) {
  j = {{"id", entry.id},
       {"user_id", entry.user_id},
       {"kind", entry.kind},
       {"amount_cents", entry.amount_cents},
       {"balance_after_cents", entry.balance_after_cents},
       {"job_uuid", entry.job_uuid ? nlohmann::json(*entry.job_uuid) : nullptr},
       {"origin", entry.origin ? nlohmann::json(*entry.origin) : nullptr},
       {"actor", entry.actor},
       {"note", entry.note},
       {"created_at", timestamp_to_json(entry.created_at)}};
}

void from_json(const nlohmann::json& j, LedgerEntry& entry) {
  read_optional_field(j, "id", entry.id);
  get_checked(j.at("user_id"), entry.user_id, "user_id");
  j.at("kind").get_to(entry.kind);
  get_checked(j.at("amount_cents"), entry.amount_cents, "amount_cents");
  read_optional_field(j, "balance_after_cents", entry.balance_after_cents);
  entry.job_uuid.reset();
  entry.origin.reset();
  if (j.contains("job_uuid") && !j["job_uuid"].is_null())
    entry.job_uuid = j["job_uuid"].get<std::string>();
  if (j.contains("origin") && !j["origin"].is_null()) entry.origin = j["origin"].get<JobOrigin>();
  read_optional_field(j, "actor", entry.actor);
  read_optional_field(j, "note", entry.note);
  if (j.contains("created_at"))
    entry.created_at = timestamp_from_json(j["created_at"]).value_or(Timestamp{});
}

}  // namespace printline::model
