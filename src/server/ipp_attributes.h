#pragma once
// A print queue over IPP: its jobs and itself described as every Printline IPP printer
// describes them (ipp/ipp_job_description.h, ipp/ipp_printer_description.h), from the
// server's model.

#include <optional>
#include <string>

#include "ipp/ipp_job_description.h"
#include "ipp/ipp_job_template.h"
#include "model/job.h"
#include "model/print_queue.h"
#include "model/printer.h"

namespace printline::server {

bool is_completed(model::JobState state);  // printed, failed or cancelled

// A job as the IPP core shows it; owner is its owner's login.
ipp::JobDescription job_description(const model::Job& job, const std::string& owner);

// What a queue's printer can do (colour, duplex, paper); a queue without one printer (a group
// or a hold queue) takes every option, and delivery refuses what the printer it reaches cannot.
ipp::JobTemplateSupport queue_job_template(const std::optional<model::Printer>& printer);

}  // namespace printline::server
