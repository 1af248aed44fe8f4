#pragma once
// One line of a user's account: a charge for a job, a refund of a job, or a credit top-up.
// amount_cents is always positive; the kind says which way the balance moved.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/job.h"
#include "model/timestamp.h"

namespace printline::model {

enum class LedgerKind { kCharge, kRefund, kTopUp };

struct LedgerEntry {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  LedgerKind kind = LedgerKind::kCharge;
  std::int64_t amount_cents = 0;
  std::int64_t balance_after_cents = 0;
  std::optional<std::string> job_uuid;  // charges and refunds: the job; top-ups: none
  std::optional<JobOrigin> origin;      // charges: server or fallback
  std::string actor;                    // who caused it ("system" for job charges)
  std::string note;
  Timestamp created_at{};

  // Signed change to the balance: -amount for a charge, +amount otherwise.
  std::int64_t balance_delta() const;
  bool operator==(const LedgerEntry&) const = default;
};

std::string_view ledger_kind_name(LedgerKind kind);  // "charge", "refund", "top-up"
std::optional<LedgerKind> ledger_kind_from_name(std::string_view name);

void to_json(nlohmann::json& j, LedgerKind kind);
void from_json(const nlohmann::json& j, LedgerKind& kind);
void to_json(nlohmann::json& j, const LedgerEntry& entry);
void from_json(const nlohmann::json& j, LedgerEntry& entry);

}  // namespace printline::model
