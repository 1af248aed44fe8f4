#include "client/client_service.h"

#include <array>
#include <utility>

#include "core/i18n.h"

namespace printline::client {

namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 11> kStateNames = {{
    {JobState::kReceived, "received"},
    {JobState::kSendingToServer, "sending-to-server"},
    {JobState::kAtServer, "at-server"},
    {JobState::kWaitingForChoice, "waiting-for-choice"},
    {JobState::kPrintingOnFallback, "printing-on-fallback"},
    {JobState::kPrintedOffline, "printed-offline"},
    {JobState::kAccounted, "accounted"},
    {JobState::kWaitingForServer, "waiting-for-server"},
    {JobState::kHeldForCredit, "held-for-credit"},
    {JobState::kRejectedByDevice, "rejected-by-device"},
    {JobState::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view job_state_name(JobState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return name;
  }
  return "unknown";
}

std::string job_state_text(JobState state) {
  switch (state) {
    case JobState::kReceived: return tr("received");
    case JobState::kSendingToServer: return tr("sending to the server");
    case JobState::kAtServer: return tr("at the server");
    case JobState::kWaitingForChoice: return tr("waiting for your choice");
    case JobState::kPrintingOnFallback: return tr("printing on a fallback printer");
    case JobState::kPrintedOffline: return tr("printed offline");
    case JobState::kAccounted: return tr("accounted");
    case JobState::kWaitingForServer: return tr("waiting for the server");
    case JobState::kHeldForCredit: return tr("held for credit or quota");
    case JobState::kRejectedByDevice: return tr("rejected by the printer");
    case JobState::kCancelled: return tr("cancelled");
  }
  return std::string(job_state_name(state));
}

std::optional<JobState> job_state_from_name(std::string_view name) {
  for (const auto& [value, text] : kStateNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool is_final(JobState state) {
  return state == JobState::kAtServer || state == JobState::kAccounted ||
         state == JobState::kCancelled;
}

}  // namespace printline::client
