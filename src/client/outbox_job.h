#pragma once
// One job of the outbox as the daemon keeps it: what JobView shows plus what the daemon needs
// to resume it after a crash (which printer, whether a fallback send had started, which
// prompt is pending).

#include <cstdint>
#include <optional>
#include <string>

#include "client/client_service.h"
#include "model/job.h"
#include "model/job_ticket.h"
#include "model/timestamp.h"

namespace printline::client {

// The question a job waits on, so prompts can be re-sent to a new subscriber (D3).
enum class PendingPrompt {
  kNone,
  kChoosePrinter,    // FP-7b / D2 several candidates, or D7 choose another, or crash re-prompt
  kFallbackDisabled, // D4: Retry or Cancel
  kNotEnoughCredit,  // D5: wait or cancel
  kNoCandidate,      // D2 no candidate: Retry or Cancel
};

std::string_view pending_prompt_name(PendingPrompt prompt);
PendingPrompt pending_prompt_from_name(std::string_view name);

struct OutboxJob {
  std::string uuid;
  std::string title;
  std::string document_format;
  int copies = 1;  // ticket.copies, kept beside it for the job view and the submissions
  // What the user asked (D11), from the backend's CUPS options, `printline print -o` or the
  // local printer's IPP attributes: priced, sent to the server or the fallback printer so.
  model::JobTicket ticket;
  std::uint64_t size_bytes = 0;
  std::string submitted_by;
  JobState state = JobState::kReceived;
  std::string reason;
  std::optional<std::int64_t> printer_id;  // the fallback printer (chosen, printing, printed)
  std::string printer;                     // its name
  std::string target_uri;                  // where the fallback send goes
  bool may_be_counted_twice = false;
  std::optional<model::PageCounts> counts;
  std::int64_t estimated_cost_cents = 0;
  model::Timestamp received_at{};
  model::Timestamp updated_at{};
  std::optional<model::Timestamp> printed_at;
  // Set durably just before the first byte goes to a fallback printer: after a crash, a job
  // found printing-on-fallback with this set may have printed, so it is never resent silently.
  bool fallback_send_started = false;
  // kWaitingForServer because the server refused it: only the user's Retry sends it again.
  bool hold_until_retry = false;
  PendingPrompt prompt = PendingPrompt::kNone;
  std::string upload_error;  // the server rejected the accounting upload: why (kept for people)

  JobView view() const;
  // Printed on the fallback printer while the server was offline (FP-7): now printed-offline,
  // waiting for its accounting upload.
  void printed_offline(std::string why);
};

}  // namespace printline::client
