#include "client/outbox_job.h"

namespace printline::client {

std::string_view pending_prompt_name(PendingPrompt prompt) {
  switch (prompt) {
    case PendingPrompt::kNone:
      return "";
    case PendingPrompt::kChoosePrinter:
      return "choose-printer";
    case PendingPrompt::kFallbackDisabled:
      return "fallback-disabled";
    case PendingPrompt::kNotEnoughCredit:
      return "not-enough-credit";
    case PendingPrompt::kNoCandidate:
      return "no-candidate";
  }
  return "";
}

PendingPrompt pending_prompt_from_name(std::string_view name) {
  for (auto prompt : {PendingPrompt::kChoosePrinter, PendingPrompt::kFallbackDisabled,
                      PendingPrompt::kNotEnoughCredit, PendingPrompt::kNoCandidate}) {
    if (pending_prompt_name(prompt) == name) return prompt;
  }
  return PendingPrompt::kNone;
}

void OutboxJob::printed_offline(std::string why) {
  state = JobState::kPrintedOffline;
  printed_at = model::now_seconds();
  fallback_send_started = false;
  reason = std::move(why);
}

JobView OutboxJob::view() const {
  JobView view;
  view.uuid = uuid;
  view.title = title;
  view.document_format = document_format;
  view.copies = copies;
  view.ticket = ticket;
  view.size_bytes = size_bytes;
  view.state = state;
  view.reason = reason;
  view.printer = printer;
  view.counts = counts;
  view.estimated_cost_cents = estimated_cost_cents;
  view.may_be_counted_twice = may_be_counted_twice;
  view.received_at = received_at;
  view.updated_at = updated_at;
  view.printed_at = printed_at;
  return view;
}

}  // namespace printline::client
