#pragma once
// The job ticket of a CUPS job (D11): the backend's argv[4] (copies) and argv[5] (the job's
// options, "name=value name2='a b' ..."), read with libcups's own cupsParseOptions and applied
// with model::apply_options. CUPS adds options of its own (job-uuid, job-originating-host-name,
// ...), which are ignored; a known option with a bad value is an error naming it.

#include <string>

#include "core/error.h"
#include "model/job_ticket.h"

namespace printline::cups_backend {

// filtered: the document comes from CUPS's filters on standard input, which already made the
// copies and applied page-ranges and number-up (pdftopdf), so those are not asked again.
Result<model::JobTicket> ticket_from_cups(const std::string& copies, const std::string& options,
                                          bool filtered);

}  // namespace printline::cups_backend
