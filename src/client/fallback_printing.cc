#include "client/fallback_printing.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "transport/print_transport.h"
#include "transport/printer_send.h"

namespace printline::client {

transport::SendResult send_to_fallback_printer(const FallbackSend& job,
                                               const transport::CancelFlag* cancel) {
  auto document = transport::open_document_file(job.document);
  if (!document.ok()) {
    transport::SendResult failed;
    failed.outcome = transport::Outcome::kInvalidRequest;
    failed.message = trf("The spooled document cannot be read ({reason}): cancel the job and "
                         "print it again.",
                         fmt::arg("reason", document.error().message));
    return failed;
  }
  transport::SendOptions options;
  options.job_uuid = job.uuid;
  options.user = job.user;
  options.title = job.title;
  options.document_format = job.document_format.empty() ? "application/octet-stream"
                                                        : job.document_format;
  options.printer_name = job.printer_name;
  options.ticket = job.ticket;
  // PJL carries the UUID so the job can be found in the device's log; IPP has job-uuid.
  options.pjl_wrap = job.target_uri.starts_with("socket://") || job.target_uri.starts_with("lpd://");
  options.cancel = cancel;
  options.tls_trust = job.tls_trust;
  if (job.printer) {
    document->reset();
    auto result = transport::send_to_printer(*job.printer, job.target_uri, job.document, options);
    return result;
  }
  return transport::send_document(job.target_uri, **document, options);
}

std::string rejected_by_device_message(const std::string& printer,
                                       const transport::SendResult& result) {
  if (result.ticket_refused) {
    return trf("{reason} The job is kept: choose another printer, or cancel it and print it "
               "again with other options.",
               fmt::arg("reason", result.message));
  }
  const std::string words =
      result.device_message.empty() ? result.message : result.device_message;
  // FP-3: the device must accept jobs from unknown sources.
  return trf(
      "The printer \"{printer}\" rejected the job ({reason}). The device probably accepts only "
      "jobs from its accounting server: an administrator should enable \"accept jobs from "
      "unknown sources\" on it. The job is kept: choose another printer, retry later, or "
      "cancel it.",
      fmt::arg("printer", printer), fmt::arg("reason", words));
}

std::string may_have_printed_message(const std::string& printer) {
  return trf("Printline stopped while sending this job to \"{printer}\": it may have printed. "
             "Check the printer, then choose a printer to print it again, retry (send it to the "
             "server), or cancel it.",
             fmt::arg("printer", printer));
}

std::string fallback_failed_message(const std::string& printer,
                                    const transport::SendResult& result) {
  return trf("The printer \"{printer}\" did not take the job: {reason} The job is kept: "
             "choose another printer, retry later, or cancel it.",
             fmt::arg("printer", printer), fmt::arg("reason", result.message));
}

}  // namespace printline::client
