#include "transport/outcome_message.h"

#include <fmt/format.h>

namespace printline::transport {
namespace {

std::string with_detail(std::string_view detail) {
  return detail.empty() ? std::string() : fmt::format(" ({})", detail);
}

}  // namespace

SendResult make_result(Outcome outcome, std::string_view printer, std::string_view detail,
                       std::string device_message) {
  SendResult result;
  result.outcome = outcome;
  const std::string device_words =
      device_message.empty() ? std::string() : fmt::format(": \"{}\"", device_message);
  switch (outcome) {
    case Outcome::kDelivered:
      result.message = fmt::format("The job was delivered to printer {}.", printer);
      break;
    case Outcome::kUnreachable:
      result.message = fmt::format(
          "Printer {} cannot be reached{}. Check that it is switched on and connected to the "
          "network and that its address is right, or choose another printer.",
          printer, with_detail(detail));
      break;
    case Outcome::kBusy:
      result.message =
          fmt::format("Printer {} is busy{}. Try again in a moment, or choose another printer.",
                      printer, device_words);
      break;
    case Outcome::kRejectedByDevice:
      result.message = fmt::format("Printer {} rejected the job{}{}. {}", printer,
                                   with_detail(detail), device_words, kRejectionCause);
      break;
    case Outcome::kAuthenticationRequired:
      result.message = fmt::format(
          "Printer {} requires authentication before it accepts jobs{}. Configure credentials "
          "for it, or choose another printer.",
          printer, device_words);
      break;
    case Outcome::kFormatNotSupported:
      result.message = fmt::format(
          "Printer {} cannot print this kind of document{}{}. Convert it (for example to PDF) "
          "or choose another printer.",
          printer, with_detail(detail), device_words);
      break;
    case Outcome::kTimedOut:
      result.message = fmt::format(
          "Printer {} stopped taking data in the middle of the job{}. Check the printer (paper, "
          "jam, a message on its panel), then print again or choose another printer.",
          printer, with_detail(detail));
      break;
    case Outcome::kCancelled:
      result.message = fmt::format(
          "Sending to printer {} was cancelled; the printer may have received part of the "
          "job. Print again if you still want it.",
          printer);
      break;
    case Outcome::kInvalidRequest:
      result.message =
          fmt::format("Cannot send to printer {}{}. Correct the request and try again.", printer,
                      with_detail(detail));
      break;
  }
  result.device_message = std::move(device_message);
  return result;
}

Outcome outcome_for(const IoError& error) {
  switch (error.code) {
    case IoCode::kRefused:
    case IoCode::kNoRoute:
    case IoCode::kConnectTimeout:
      return Outcome::kUnreachable;
    case IoCode::kStalled:
      return Outcome::kTimedOut;
    case IoCode::kCancelled:
      return Outcome::kCancelled;
    case IoCode::kReset:
      return Outcome::kRejectedByDevice;
    case IoCode::kOther:
      break;
  }
  return Outcome::kUnreachable;
}

SendResult io_failure(std::string_view printer, const IoError& error,
                      std::chrono::milliseconds io_timeout) {
  std::string detail = error.detail;
  if (error.code == IoCode::kStalled) {
    detail = fmt::format("no progress for {} ms", io_timeout.count());
  } else if (error.code == IoCode::kReset) {
    detail = fmt::format("the connection was closed by the printer: {}", error.detail);
  }
  return make_result(outcome_for(error), printer, detail);
}

}  // namespace printline::transport
