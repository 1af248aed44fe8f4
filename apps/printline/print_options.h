#pragma once
// `printline print -o NAME=VALUE -n N` (D11): lp's syntax for the job ticket. One -o may hold
// several options separated by spaces, as lp's does ("-o 'sides=two-sided-long-edge
// number-up=2'"); a NAME alone is NAME= (landscape). Unknown names and bad values are refused
// with a message naming them: a person who typed an option wants it, never silently dropped.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/job_ticket.h"

namespace printline::cli {

// copies: -n (or --copies), when given; it wins over -o copies= as it does in lp.
Result<model::JobTicket> ticket_from_print_options(const std::vector<std::string>& options,
                                                   std::optional<int> copies);

}  // namespace printline::cli
