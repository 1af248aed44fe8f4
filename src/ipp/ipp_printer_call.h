#pragma once
// One request inside the IPP core (ipp_printer.h): the call, the document after the message
// and the backend's session. Private to src/ipp; shared by ipp_printer.cc (jobs in, jobs
// shown) and ipp_printer_control.cc (holds, printer control, subscriptions).

#include <optional>

#include "ipp/ipp_call.h"
#include "ipp/ipp_printer.h"

namespace printline::ipp {

struct IppPrinter::Call : IppCall {
  Call(ipp_t* received, transport::DocumentSource* after_message, PrinterSession& backend)
      : IppCall(received), document(after_message), session(backend) {}

  transport::DocumentSource* document;
  PrinterSession& session;
  bool authentication_required = false;

  // Answers the problem; false when there is one.
  bool ok(const std::optional<IppProblem>& problem) {
    if (!problem) return true;
    status(problem->status, problem->message);
    authentication_required = problem->authentication_required;
    return false;
  }
  bool authenticate() { return ok(session.authenticate()); }
};

}  // namespace printline::ipp
