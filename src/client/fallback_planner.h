#pragma once
// Who prints where while the server is down: D2 exactly (FP-7).
//
//   candidates = the profile's fallback printers (listed printers or group members, with the
//                target of model::fallback_target: FP-6, FP-9, D8), minus printers that do
//                not allow fallback or that a quick port probe finds unreachable;
//   history    = printers the user printed on (server history, cached) plus the client's own
//                fallback history.
//   - history has exactly one printer and it is a candidate → print there, notify;
//   - exactly one candidate                                  → print there, notify;
//   - several candidates                                     → prompt (durable, D3);
//   - no candidate                                           → error, job kept.
//
// collect_candidates() probes (network); plan_fallback() is pure.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/client_cache.h"
#include "client/client_service.h"

namespace printline::client {

// The printers a fallback job may go to under the cached profile, each with its target URI,
// before probing (reachable = false). Printers the profile names but that cannot be used are
// left out (the server already said why, in `problem`).
std::vector<CandidateView> profile_fallback_printers(const CachedState& cache,
                                                     const std::vector<std::int64_t>& history,
                                                     std::optional<std::int64_t> last_choice);

// History as D2 defines it: the server's (cached) then the local fallback history, no repeats.
std::vector<std::int64_t> printer_history(const CachedState& cache,
                                          const std::vector<std::int64_t>& local_history);

using Prober = std::function<bool(const std::string& target_uri, std::string& why_not)>;

// A quick TCP probe of the target's port (transport::probe), within `timeout`.
Prober port_prober(std::chrono::milliseconds timeout);

// Probes every printer at once (in parallel) and fills reachable and note.
void probe_candidates(std::vector<CandidateView>& printers, const Prober& prober);

enum class PlanKind { kAutomatic, kPrompt, kNoCandidate };

struct FallbackPlan {
  PlanKind kind = PlanKind::kNoCandidate;
  std::optional<CandidateView> printer;   // kAutomatic
  std::vector<CandidateView> candidates;  // the reachable ones, ordered (kPrompt)
  std::string rule;                       // which D2 row decided, for the log
};

// `probed`: the profile's fallback printers after probing; `history`: D2's history.
FallbackPlan plan_fallback(const std::vector<CandidateView>& probed,
                           const std::vector<std::int64_t>& history);

// FP-8 / D2 "no candidate": what to tell the user.
std::string no_candidate_message(const std::vector<CandidateView>& probed);

}  // namespace printline::client
