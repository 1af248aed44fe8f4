#pragma once
// Reading one job of a fallback upload (POST /api/v1/accounting/fallback-jobs, D6, D12): every
// value the client sends is checked by type, size and range before it is used or echoed, and
// the job is priced from the server's own price list with checked money arithmetic. No server
// is needed: the route and the fuzzer (tests/fuzz/server) call the same function.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <variant>

#include "model/client_profile.h"
#include "model/job.h"
#include "model/price_list.h"
#include "model/printer.h"
#include "model/timestamp.h"
#include "model/user.h"

namespace printline::server {

// Bounds on what one printed-offline job can be (docs/api.md, fallback accounting).
inline constexpr std::int64_t kMaxFallbackPages = 100'000;  // pages of one copy
inline constexpr std::int64_t kMaxFallbackCopies = 999;
inline constexpr std::size_t kMaxFallbackTitleBytes = 1024;
inline constexpr std::size_t kMaxPrinterReferenceBytes = 255;
// printed_at lies in the outage window: not later than the server's clock (plus this much
// skew between the workstation's clock and the server's) ...
inline constexpr std::chrono::seconds kFallbackClockSkew = std::chrono::minutes(5);
// ... and not earlier than this before it: the client uploads as soon as it reaches a server,
// and a job dated further back would land in an account period that is already closed.
inline constexpr std::chrono::hours kMaxFallbackJobAge = std::chrono::days(60);

struct FallbackRejection {
  // invalid-uuid, invalid-field, out-of-bounds, printed-at-outside-outage, unknown-printer,
  // not-a-fallback-printer, does-not-add-up (counts the ticket cannot print), no-price
  std::string reason;
  std::string message;  // for people: what is wrong and what to do
};

// What every job of one upload is checked against, read once per batch.
struct FallbackUploadContext {
  model::User owner;
  model::PriceList prices;
  std::map<std::int64_t, model::Printer> printers_by_id;
  std::map<std::string, std::int64_t, std::less<>> printer_ids_by_name;
  model::FallbackSettings fallback;       // of the owner's profile (D8 flag)
  std::set<std::int64_t> fallback_printers;  // the profile's printers, its group's included
  model::Timestamp now{};
};

// The job `entry` describes, priced and flagged, or why it is refused (nothing is charged).
std::variant<model::Job, FallbackRejection> parse_fallback_job(
    const nlohmann::json& entry, const FallbackUploadContext& context);

// The answer for a refused entry: its uuid when it sent a valid-looking one, else "".
nlohmann::json rejected_fallback_job(const nlohmann::json& entry, const FallbackRejection& why);

}  // namespace printline::server
