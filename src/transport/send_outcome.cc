#include "transport/send_outcome.h"

namespace printline::transport {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kDelivered:
      return "delivered";
    case Outcome::kUnreachable:
      return "unreachable";
    case Outcome::kBusy:
      return "busy";
    case Outcome::kRejectedByDevice:
      return "rejected-by-device";
    case Outcome::kAuthenticationRequired:
      return "authentication-required";
    case Outcome::kFormatNotSupported:
      return "format-not-supported";
    case Outcome::kTimedOut:
      return "timed-out";
    case Outcome::kCancelled:
      return "cancelled";
    case Outcome::kInvalidRequest:
      return "invalid-request";
  }
  return "invalid-request";
}

}  // namespace printline::transport
