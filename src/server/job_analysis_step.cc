// The analysis step (job_pipeline.h): a hold queue's job, acknowledged before it was analysed
// (recorded "not analysed yet", model::Job::unanalysed), is analysed and priced by a
// low-priority thread;
// release and the print workers analyse a still-marked job first, synchronously, so nothing
// unanalysed is released, checked for credit, printed or charged.

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

#include "analysis/analyze.h"
#include "analysis/document_format.h"
#include "core/logging.h"
#include "server/job_counts.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"

namespace printline::server {

using model::Job;
using model::JobState;

// The analyser thread: at the lowest CPU priority, so intake and printing come first.
void JobPipeline::analyse_in_background() {
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
  while (true) {
    std::string uuid;
    {
      std::unique_lock lock(mutex_);
      analyse_ready_.wait(lock, [&] { return stopping_ || !to_analyse_.empty(); });
      if (stopping_) return;
      uuid = std::move(to_analyse_.front());
      to_analyse_.pop_front();
    }
    auto analysed = ensure_analysed(uuid);
    if (!analysed.ok() && analysed.error().kind != JobErrorKind::kUnprintable) {
      object_logger("job", uuid)->warn("not analysed: {}", analysed.error().message);
    }
  }
}

// Analyses and prices a job still "not analysed yet"; storing its price ends that
// (Store::set_job_price). Nothing when it is analysed. A document the analysis cannot read
// fails the job with the reason (kUnprintable). Call without mutex_ held.
JobResult<bool> JobPipeline::ensure_analysed(std::string_view uuid) {
  UuidClaim claim(*this, analysing_, analysed_, std::string(uuid));  // one analysis
  auto log = object_logger("job", uuid);
  auto found = store_.find_job(uuid);
  if (!found.ok()) return server_failure(found.error());
  if (!*found || !(*found)->unanalysed) return true;  // the common case: analysed long ago
  const auto waiting = [](JobState state) {
    return state == JobState::kHeld || state == JobState::kPending;
  };
  if (!waiting((*found)->state)) return true;  // cancelled or failed: nothing to price
  auto document = spool_.open(uuid);
  if (!document.ok()) return document.error();
  auto analysis = document->analyse();
  if (!analysis.ok()) {
    auto now = store_.find_job(uuid);
    if (!now.ok()) return server_failure(now.error());
    if (!*now || !waiting((*now)->state)) return true;  // cancelled meanwhile
    auto reason = fmt::format("The document cannot be printed: {}", analysis.error().message);
    log->warn("failed: {}", reason);
    auto failed = store_.set_job_state(uuid, JobState::kFailed, std::nullopt, reason);
    if (!failed.ok()) return server_failure(failed.error());
    spool_.remove(uuid);
    return JobError{JobErrorKind::kUnprintable, reason};
  }
  auto prices = store_.price_list();
  if (!prices.ok()) return server_failure(prices.error());
  bool color = true;
  if ((*found)->queue_id) {
    auto queue = find_queue_by_id(store_, *(*found)->queue_id);
    if (queue.ok() && *queue) {
      auto targets = printers_for(store_, **queue, std::nullopt);
      if (targets.ok()) color = any_color(*targets);
    }
  }
  // The stored ticket; a job recorded before tickets were kept has its copies in its counts
  // and two-sided, if it was asked, in its counts too.
  auto ticket = (*found)->ticket;
  if (ticket.copies == 1 && (*found)->counts.copies > 1)
    ticket.copies =
        static_cast<int>(std::min<std::int64_t>((*found)->counts.copies, model::kMaxCopies));
  if (!ticket.sides && (*found)->counts.duplex) ticket.sides = model::Sides::kTwoSidedLongEdge;
  auto counting = count_job(*analysis, ticket, *prices, color);
  if (!counting.ok()) return JobError{JobErrorKind::kNotPriced, counting.error().message};
  auto priced = store_.set_job_price(uuid, counting->counts, counting->cost_cents,
                                     analysis::format_mime_type(analysis->format));
  if (!priced.ok()) return server_failure(priced.error());
  log->info("analysed: {} pages ({} colour) x{}, {} cents", counting->counts.pages,
            counting->counts.color_pages, counting->counts.copies, counting->cost_cents);
  return true;
}

}  // namespace printline::server
