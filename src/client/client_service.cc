#include "client/client_service.h"

#include <array>
#include <utility>

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
