#pragma once
// Which printers a job may print on, in failover order: the printer it was released to, else
// its queue's printer, else the members of its queue's group.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"
#include "model/job.h"
#include "model/print_queue.h"
#include "model/printer.h"
#include "store/store.h"

namespace printline::server {

Result<std::optional<model::PrintQueue>> find_queue_by_id(store::Store& store,
                                                          std::int64_t queue_id);

// Empty when the queue names no printer (a hold queue: the job waits to be released).
Result<std::vector<model::Printer>> printers_for(store::Store& store,
                                                 const model::PrintQueue& queue,
                                                 std::optional<std::int64_t> released_to);

// The printers a recorded job is sent to: its queue's (printers_for), else the printer it names.
Result<std::vector<model::Printer>> printers_for_job(store::Store& store, const model::Job& job);

// Colour unless every printer the job may print on is mono; an empty list (hold queue, printer
// not chosen yet) is priced as colour.
bool any_color(const std::vector<model::Printer>& printers);

}  // namespace printline::server
