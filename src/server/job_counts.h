#pragma once
// What a spooled job prints and costs under its ticket (model/job_costing.h, D11), priced with
// the server's price list, with the error an administrator can act on.

#include "analysis/job_analysis.h"
#include "core/error.h"
#include "model/job_costing.h"
#include "model/job_ticket.h"
#include "model/price_list.h"

namespace printline::server {

using JobCounting = model::JobCosting;

// printer_is_color: false only when every printer the job may print on is mono (colour pages
// then come out black and are priced as mono).
Result<JobCounting> count_job(const analysis::JobAnalysis& analysis,
                              const model::JobTicket& ticket, const model::PriceList& prices,
                              bool printer_is_color);

}  // namespace printline::server
