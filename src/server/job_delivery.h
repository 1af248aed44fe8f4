#pragma once
// Sends one spooled job to the first printer that takes it, failing over to the next on any
// refusal (unreachable, busy, rejected, timed out, ...). The transport reports what happened;
// this decides whether the next printer is worth trying, and JobService decides about retries.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/printer.h"
#include "transport/send_options.h"

namespace printline::server {

struct DeliveryReport {
  std::optional<model::Printer> printed_on;  // set when a printer took the whole document
  bool cancelled = false;
  // Every printer failed for a reason that may pass (unreachable, busy, timed out): worth
  // trying again later. False when at least one printer refused the job itself.
  bool worth_retrying = false;
  std::string message;  // for the job's outcome: what happened, on which printer
};

// The outcome of a job with no printer to go to (model/job_outcome.h).
std::string no_printer_outcome();

DeliveryReport deliver(const std::vector<model::Printer>& printers,
                       const std::filesystem::path& document,
                       const transport::SendOptions& options);

}  // namespace printline::server
