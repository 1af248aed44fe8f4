// The charge (job_pipeline.h), an explicit step: a job is priced for the printer it goes to,
// its owner's credit and quota are checked counting the jobs being sent (reserved), and it is
// charged once, when it is recorded as printed (the store writes the ledger charge in the same
// transaction, so a job is charged at most once, D6). Nothing unprinted is charged.

#include <fmt/format.h>

#include "core/i18n.h"
#include "core/logging.h"
#include "model/job_costing.h"
#include "model/pricing.h"
#include "server/job_pipeline.h"
#include "server/metrics.h"

namespace printline::server {

using model::Job;
using model::JobState;

// The job priced for a printer that prints colour or not; stored when the cost changes.
JobResult<Job> JobPipeline::reprice(const Job& job, bool prints_color) {
  auto prices = store_.price_list();
  if (!prices.ok()) return server_failure(prices.error());
  // A mono printer prints every side mono (D11): counted and priced so.
  const auto counts = model::counts_on_printer(job.counts, prints_color);
  auto cost = model::price_job(*prices, counts, prints_color);
  if (!cost.ok()) {
    return JobError{JobErrorKind::kNotPriced,
                    fmt::format("Job {} cannot be priced: {}. Ask an administrator to complete "
                                "the price list.",
                                job.uuid, cost.error().message)};
  }
  if (*cost == job.cost_cents && counts == job.counts) return job;
  auto updated = store_.set_job_price(job.uuid, counts, *cost);
  if (!updated.ok()) return server_failure(updated.error());
  object_logger("job", job.uuid)
      ->info("priced for a {} printer: {} cents (was {})", prints_color ? "colour" : "mono", *cost,
             job.cost_cents);
  return *updated;
}

// Can the owner pay for the job, counting what their jobs being sent will cost? Call with
// mutex_ held.
Result<model::Affordability> JobPipeline::check_credit(const Job& job) {
  auto owner = store_.find_user(job.owner_id);
  if (!owner.ok()) return owner.error();
  if (!*owner) return Error{fmt::format("The owner of job {} no longer exists.", job.uuid)};
  i18n::LanguageScope theirs((*owner)->language);
  return model::can_afford(**owner, job.cost_cents, job.counts.total_pages(), model::now_seconds(),
                           reserved_[job.owner_id], config_.currency);
}

std::string JobPipeline::owner_language(const Job& job) {
  auto owner = store_.find_user(job.owner_id);
  return owner.ok() && *owner ? (*owner)->language : std::string();
}

void JobPipeline::reserve(const Job& job) {
  auto& reserved = reserved_[job.owner_id];
  reserved.cost_cents += job.cost_cents;
  reserved.pages += job.counts.total_pages();
}

void JobPipeline::unreserve(const Job& job) {
  auto& reserved = reserved_[job.owner_id];
  reserved.cost_cents -= job.cost_cents;
  reserved.pages -= job.counts.total_pages();
}

void JobPipeline::charge_printed(const Job& job, const model::Printer& printer,
                                 std::string_view outcome) {
  auto log = object_logger("job", job.uuid);
  auto printed = store_.set_job_state(job.uuid, JobState::kPrinted, printer.id, outcome);
  if (!printed.ok()) {
    log->error("printed on {} but not recorded (nor charged): {}", printer.name,
               printed.error().message);
    ServerMetrics::process().count_database_error();
    return;
  }
  log->info("printed on {}: charged {} cents", printer.name, printed->cost_cents);
}

}  // namespace printline::server
