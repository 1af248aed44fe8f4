#include "transport/outcome_message.h"

#include <fmt/format.h>

#include "core/i18n.h"

namespace printline::transport {
namespace {

std::string with_detail(std::string_view detail) {
  return detail.empty() ? std::string() : fmt::format(" ({})", detail);
}

}  // namespace

std::string rejection_cause() {
  return tr("The printer may accept jobs only from its accounting server; enable \"accept jobs "
            "from unknown sources\" on the device, or choose another printer.");
}

SendResult make_result(Outcome outcome, std::string_view printer, std::string_view detail,
                       std::string device_message) {
  SendResult result;
  result.outcome = outcome;
  const std::string device_words =
      device_message.empty() ? std::string() : fmt::format(": \"{}\"", device_message);
  // The parts a sentence may carry: who, our own detail " (…)", the device's words ": "…"".
  const auto who = fmt::arg("printer", printer);
  const std::string detail_words = with_detail(detail);
  const auto why = fmt::arg("detail", detail_words);
  const auto said = fmt::arg("device", device_words);
  switch (outcome) {
    case Outcome::kDelivered:
      result.message = trf("The job was delivered to printer {printer}.", who);
      break;
    case Outcome::kUnreachable:
      result.message = trf(
          "Printer {printer} cannot be reached{detail}. Check that it is switched on and "
          "connected to the network and that its address is right, or choose another printer.",
          who, why);
      break;
    case Outcome::kBusy:
      result.message = trf(
          "Printer {printer} is busy{device}. Try again in a moment, or choose another printer.",
          who, said);
      break;
    case Outcome::kRejectedByDevice:
      result.message = trf("Printer {printer} rejected the job{detail}{device}. {cause}", who, why,
                           said, fmt::arg("cause", rejection_cause()));
      break;
    case Outcome::kAuthenticationRequired:
      result.message = trf(
          "Printer {printer} requires authentication before it accepts jobs{device}. Configure "
          "credentials for it, or choose another printer.",
          who, said);
      break;
    case Outcome::kFormatNotSupported:
      result.message = trf(
          "Printer {printer} cannot print this kind of document{detail}{device}. Convert it (for "
          "example to PDF) or choose another printer.",
          who, why, said);
      break;
    case Outcome::kTimedOut:
      result.message = trf(
          "Printer {printer} stopped taking data in the middle of the job{detail}. Check the "
          "printer (paper, jam, a message on its panel), then print again or choose another "
          "printer.",
          who, why);
      break;
    case Outcome::kCancelled:
      result.message = trf(
          "Sending to printer {printer} was cancelled; the printer may have received part of the "
          "job. Print again if you still want it.",
          who);
      break;
    case Outcome::kInvalidRequest:
      result.message =
          trf("Cannot send to printer {printer}{detail}. Correct the request and try again.", who,
              why);
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
    detail = trf("no progress for {ms} ms", fmt::arg("ms", io_timeout.count()));
  } else if (error.code == IoCode::kReset) {
    detail = trf("the connection was closed by the printer: {reason}",
                 fmt::arg("reason", error.detail));
  }
  return make_result(outcome_for(error), printer, detail);
}

}  // namespace printline::transport
