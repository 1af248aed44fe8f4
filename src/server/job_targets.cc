#include "server/job_targets.h"

#include <fmt/format.h>

namespace printline::server {

Result<std::optional<model::PrintQueue>> find_queue_by_id(store::Store& store,
                                                          std::int64_t queue_id) {
  auto queues = store.list_queues();
  if (!queues.ok()) return queues.error();
  for (auto& queue : *queues) {
    if (queue.id == queue_id) return std::optional(std::move(queue));
  }
  return std::optional<model::PrintQueue>();
}

Result<std::vector<model::Printer>> printers_for(store::Store& store,
                                                 const model::PrintQueue& queue,
                                                 std::optional<std::int64_t> released_to) {
  std::vector<std::int64_t> ids;
  if (released_to) {
    ids.push_back(*released_to);
  } else if (queue.printer_id) {
    ids.push_back(*queue.printer_id);
  } else if (queue.group_id) {
    auto group = store.find_group(*queue.group_id);
    if (!group.ok()) return group.error();
    if (!*group) {
      return Error{
          fmt::format("Queue {} names a printer group that no longer exists; ask an "
                      "administrator to fix the queue.",
                      queue.name)};
    }
    ids = (*group)->printer_ids;
  }
  std::vector<model::Printer> printers;
  for (auto id : ids) {
    auto printer = store.find_printer(id);
    if (!printer.ok()) return printer.error();
    if (*printer) printers.push_back(std::move(**printer));
  }
  if (!ids.empty() && printers.empty()) {
    return Error{
        fmt::format("The printers of queue {} no longer exist; ask an administrator to "
                    "fix the queue.",
                    queue.name)};
  }
  return printers;
}

Result<std::vector<model::Printer>> printers_for_job(store::Store& store, const model::Job& job) {
  std::vector<model::Printer> printers;
  auto queue = job.queue_id ? find_queue_by_id(store, *job.queue_id)
                            : Result<std::optional<model::PrintQueue>>(std::nullopt);
  if (queue.ok() && *queue) return printers_for(store, **queue, job.printer_id);
  if (job.printer_id) {
    auto printer = store.find_printer(*job.printer_id);
    if (printer.ok() && *printer) printers.push_back(**printer);
  }
  return printers;
}

bool any_color(const std::vector<model::Printer>& printers) {
  if (printers.empty()) return true;
  for (const auto& printer : printers) {
    if (printer.color) return true;
  }
  return false;
}

}  // namespace printline::server
