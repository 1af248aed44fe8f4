#pragma once
// The cost of a job (SPEC §3):
//   per copy = mono pages × mono price(paper) + colour pages × colour price(paper)
//   total    = copies × per copy, then for a duplex job minus duplex_discount_percent of it
//              (rounded to the nearest cent, halves in the user's favour).
// A mono printer prints colour pages in black: pass printer_is_color = false and they are
// priced as mono. A missing price is an error, never a free job.

#include <cstdint>

#include "core/error.h"
#include "model/job.h"
#include "model/price_list.h"

namespace printline::model {

Result<std::int64_t> price_job(const PriceList& prices, const PageCounts& counts,
                               bool printer_is_color = true);

}  // namespace printline::model
