#include "server/job_delivery.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/logging.h"
#include "model/job_outcome.h"
#include "server/metrics.h"
#include "transport/print_transport.h"
#include "transport/printer_send.h"

namespace printline::server {
namespace {

bool passes_with_time(transport::Outcome outcome) {
  using transport::Outcome;
  return outcome == Outcome::kUnreachable || outcome == Outcome::kBusy ||
         outcome == Outcome::kTimedOut;
}

}  // namespace

std::string no_printer_outcome() {
  return model::outcome_note("The job has no printer to print on; release it to a printer.");
}

DeliveryReport deliver(const std::vector<model::Printer>& printers,
                       const std::filesystem::path& document,
                       const transport::SendOptions& options) {
  DeliveryReport report;
  report.worth_retrying = !printers.empty();
  std::vector<std::string> failures;
  for (const auto& printer : printers) {
    auto log = object_logger("printer", printer.name);
    auto source = transport::open_document_file(document);
    if (!source.ok()) {
      report.worth_retrying = false;
      report.message = model::outcome_note("The job's document is missing on the server: {error}",
                                           {{"error", source.error().message}});
      return report;
    }
    source->reset();
    // D11: refused when the printer cannot do the ticket; converted for RAW/LPR printers.
    transport::SendOptions named = options;
    named.printer_name = printer.name;  // messages name the printer as people know it
    auto result = transport::send_to_printer(printer, printer.device_uri, document, named);
    ServerMetrics::process().count_delivery(
        printer.name, result.delivered() ? "delivered" : transport::outcome_name(result.outcome));
    if (result.delivered()) {
      log->info("job {} delivered ({} bytes)", options.job_uuid, result.bytes_sent);
      report.printed_on = printer;
      report.message = model::outcome_note("Printed on {printer}.", {{"printer", printer.name}});
      return report;
    }
    if (result.outcome == transport::Outcome::kCancelled) {
      report.cancelled = true;
      report.message = model::outcome_note("Cancelled while sending.");
      return report;
    }
    log->warn("job {}: {} ({})", options.job_uuid, result.message,
              transport::outcome_name(result.outcome));
    if (!passes_with_time(result.outcome)) report.worth_retrying = false;
    failures.push_back(fmt::format("{}: {}", printer.name, result.message));
  }
  if (failures.empty()) {
    report.message = no_printer_outcome();
  } else {
    const auto each = fmt::format("{}", fmt::join(failures, " "));  // as the printers said
    report.message = model::outcome_note("Not printed. {failures}", {{"failures", each}});
  }
  return report;
}

}  // namespace printline::server
