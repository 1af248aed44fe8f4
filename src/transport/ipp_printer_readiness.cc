#include "transport/ipp_printer_readiness.h"

#include <fmt/format.h>

#include "transport/ipp_printer_capabilities.h"

namespace printline::transport {

namespace {

constexpr std::size_t kMaxProblems = 16;  // a printer's list is short; a hostile one is bounded

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

PrinterReadiness readiness_from(ipp_t* answer) {
  PrinterReadiness readiness;
  if (ipp_attribute_t* state = ippFindAttribute(answer, "printer-state", IPP_TAG_ENUM)) {
    if (ippGetInteger(state, 0) == IPP_PSTATE_STOPPED) readiness.ready = false;
  }
  if (ipp_attribute_t* reasons = ippFindAttribute(answer, "printer-state-reasons", IPP_TAG_KEYWORD)) {
    for (int i = 0; i < ippGetCount(reasons) && readiness.problems.size() < kMaxProblems; ++i) {
      const char* value = ippGetString(reasons, i, nullptr);
      if (!value) continue;
      std::string_view reason(value);
      if (reason == "none" || ends_with(reason, "-report") || ends_with(reason, "-warning")) {
        continue;
      }
      if (ends_with(reason, "-error")) reason.remove_suffix(6);
      readiness.problems.emplace_back(reason.substr(0, 64));
      readiness.ready = false;
    }
  }
  if (!readiness.ready && readiness.problems.empty()) readiness.problems.push_back("stopped");
  if (ipp_attribute_t* message = ippFindAttribute(answer, "printer-state-message", IPP_TAG_TEXT)) {
    if (const char* text = ippGetString(message, 0, nullptr)) {
      readiness.message = std::string(text).substr(0, 255);
    }
  }
  return readiness;
}

Result<PrinterReadiness> ask_printer_readiness(std::string_view device_uri, const TlsTrust& trust,
                                               std::chrono::milliseconds timeout) {
  auto client = printer_query_client(device_uri, trust, timeout);
  if (!client.ok()) return client.error();
  static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                        "printer-state-message"};
  IppMessage request = client->new_request(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  IppAnswer answer = client->exchange(std::move(request));
  if (!answer.ok()) {
    return Error{fmt::format("the printer {} did not say whether it can print ({})", device_uri,
                             answer.answered() ? answer.status_message() : answer.error)};
  }
  return readiness_from(answer.response.get());
}

}  // namespace printline::transport
