// The print workers (job_pipeline.h): a pending job is checked for credit, claimed (one server
// of those sharing the database prints it), delivered to the first of its printers that takes
// it (job_delivery.h) with the ticket it was submitted with and the MIME type stored at intake,
// retried while its printers are only unreachable or busy, and charged once printed
// (job_charge.cc); what a printer refused (an option it cannot do, D11) holds the job with the
// printer's reason, nothing printed or charged.

#include <fmt/format.h>

#include <algorithm>

#include "analysis/analyze.h"
#include "analysis/document_format.h"
#include "core/i18n.h"
#include "core/logging.h"
#include "server/job_delivery.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"
#include "server/metrics.h"

namespace printline::server {

using model::Job;
using model::JobState;
namespace {

// Retry a job whose printers were all unreachable or busy after 1, 2, 4 … 15 s, for about
// five minutes; then hold it so a person decides.
constexpr int kMaxDeliveryRounds = 24;
std::chrono::seconds retry_delay(int round) {
  return std::chrono::seconds(std::min(15, 1 << std::min(round, 4)));
}

std::string sending_outcome() { return model::outcome_note("Sending to the printer."); }

}  // namespace

// What the printer is asked: the job's ticket (D11) and the MIME type recorded at intake.
transport::SendOptions JobPipeline::delivery_options(const Job& job, const JobDocument& document,
                                                     InFlight& in_flight) {
  auto owner = store_.find_user(job.owner_id);
  transport::SendOptions options;
  options.job_uuid = job.uuid;
  options.user = owner.ok() && *owner ? (*owner)->login : "";
  options.title = job.title;
  options.ticket = job.ticket;
  // A job recorded before tickets were kept has its copies in its counts only.
  if (options.ticket.copies == 1 && job.counts.copies > 1) {
    options.ticket.copies =
        static_cast<int>(std::min<std::int64_t>(job.counts.copies, model::kMaxCopies));
  }
  options.cancel = &in_flight.flag;
  if (!job.document_format.empty()) {
    options.document_format = job.document_format;
  } else {
    // Recorded before the MIME type was kept: its first bytes say it.
    analysis::AnalyzeOptions quick;
    quick.allow_ghostscript = false;
    auto head = document.analyse(quick);
    if (head.ok()) options.document_format = analysis::format_mime_type(head->format);
  }
  return options;
}

void JobPipeline::work() {
  while (true) {
    std::string uuid;
    {
      std::unique_lock lock(mutex_);
      const auto grace_ends = end_graces();
      const auto ready = [&] {
        return stopping_ || !work_.empty() ||
               (!grace_ends && !in_grace_.empty());  // a grace began: wait for its end
      };
      if (grace_ends) {
        work_ready_.wait_until(lock, *grace_ends, ready);
      } else {
        work_ready_.wait(lock, ready);
      }
      if (stopping_) return;  // queued jobs stay pending in the store: resumed next start
      if (work_.empty()) continue;  // a grace ended
      uuid = std::move(work_.front());
      work_.pop_front();
    }
    print(uuid);
  }
}

// Takes a pending job to printed, held (credit, refusals, interrupted retries) or cancelled.
void JobPipeline::print(const std::string& uuid) {
  auto log = object_logger("job", uuid);
  if (auto analysed = ensure_analysed(uuid); !analysed.ok()) {
    if (analysed.error().kind != JobErrorKind::kUnprintable) {
      log->info("held: {}", analysed.error().message);
      record(uuid, JobState::kHeld, std::nullopt, analysed.error().message);
    }
    return;  // never sent or charged unanalysed
  }
  std::shared_ptr<InFlight> in_flight;
  Job job;
  {
    std::lock_guard lock(mutex_);
    auto found = store_.find_job(uuid);
    if (!found.ok()) {
      log->error("cannot load the job: {}", found.error().message);
      ServerMetrics::process().count_database_error();
      return;
    }
    if (!*found || (*found)->state != JobState::kPending) return;  // cancelled meanwhile
    job = **found;
    auto affordable = check_credit(job);
    if (!affordable.ok() || !affordable->allowed) {
      i18n::LanguageScope theirs(owner_language(job));
      auto reason = affordable.ok()
                        ? trf("{reason} Top up or ask an administrator, then release the job.",
                              fmt::arg("reason", job_sentence(affordable->reason)))
                        : affordable.error().message;
      log->info("held: {}", reason);
      record(uuid, JobState::kHeld, std::nullopt, reason);
      return;
    }
    // Another server process on the same database may hold this job in its queue too;
    // only the one that moves it from pending prints it.
    auto claimed =
        store_.claim_pending_job(uuid, sending_outcome(), node_watch_.node_name());
    if (!claimed.ok()) {
      log->error("cannot claim the job: {}", claimed.error().message);
      ServerMetrics::process().count_database_error();
      return;
    }
    if (!*claimed) return;  // taken meanwhile (another server, or cancelled)
    reserve(job);
    in_flight = std::make_shared<InFlight>();
    in_flight_[uuid] = in_flight;
  }
  deliver_with_retries(job, *in_flight);
  {
    std::lock_guard lock(mutex_);
    unreserve(job);
    in_flight_.erase(uuid);
  }
  in_flight_done_.notify_all();
}

void JobPipeline::deliver_with_retries(const Job& job, InFlight& in_flight) {
  auto log = object_logger("job", job.uuid);
  auto found = printers_for_job(store_, job);
  if (!found.ok()) {
    record(job.uuid, JobState::kHeld, std::nullopt, found.error().message);
    return;
  }
  const std::vector<model::Printer> printers = std::move(*found);
  if (printers.empty()) {
    record(job.uuid, JobState::kHeld, std::nullopt, no_printer_outcome());
    return;
  }
  auto document = spool_.open(job.uuid);
  auto file = document.ok() ? document->file()
                            : Result<std::filesystem::path>(Error{document.error().message});
  if (!file.ok()) {
    log->error("held: {}", file.error().message);
    record(job.uuid, JobState::kHeld, std::nullopt,
           model::outcome_note("{reason} Release the job again to print it.",
                               {{"reason", file.error().message}}));
    return;
  }
  const transport::SendOptions options = delivery_options(job, *document, in_flight);
  for (int round = 0;; ++round) {
    auto report = deliver(printers, *file, options);
    if (report.printed_on) {
      charge_printed(job, *report.printed_on, report.message);
      // Kept a while only when configured; the retention sweep deletes it then (retention.h).
      if (config_.printed_document_keep_seconds == 0) spool_.remove(job.uuid);
      return;
    }
    if (report.cancelled || in_flight.flag.cancelled()) return cancelled(job, in_flight);
    if (!report.worth_retrying || round + 1 >= kMaxDeliveryRounds) {
      auto reason = model::outcome_note("{reason} Release the job again to print it.",
                                        {{"reason", report.message, /*is_note=*/true}});
      log->warn("held: {}", model::outcome_for_reader(reason));
      record(job.uuid, JobState::kHeld, std::nullopt, reason);
      return;
    }
    const auto delay = retry_delay(round);
    record(job.uuid, JobState::kPending, std::nullopt,
           model::outcome_note("{reason} Trying again in {seconds} s.",
                               {{"reason", report.message, /*is_note=*/true},
                                {"seconds", std::to_string(delay.count())}}));
    std::unique_lock lock(mutex_);
    work_ready_.wait_for(lock, delay, [&] { return stopping_ || in_flight.flag.cancelled(); });
    if (in_flight.flag.cancelled()) {
      lock.unlock();
      return cancelled(job, in_flight);
    }
    if (stopping_) return;  // left pending: the next start resumes it
    lock.unlock();
    // While it waited pending, another server sharing the database may have claimed it.
    auto claimed =
        store_.claim_pending_job(job.uuid, sending_outcome(), node_watch_.node_name());
    if (!claimed.ok() || !*claimed) {
      log->info("not retried here: {}",
                claimed.ok() ? "another server took it, or it changed" : claimed.error().message);
      return;
    }
  }
}

void JobPipeline::cancelled(const Job& job, const InFlight& in_flight) {
  object_logger("job", job.uuid)->info("cancelled by {} while sending", in_flight.cancelled_by);
  record(job.uuid, JobState::kCancelled, std::nullopt,
         cancelled_by_outcome(in_flight.cancelled_by));
  spool_.remove(job.uuid);
}

void JobPipeline::record(std::string_view uuid, JobState state,
                         std::optional<std::int64_t> printer_id, std::string_view outcome) {
  auto updated = store_.set_job_state(uuid, state, printer_id, outcome);
  if (!updated.ok()) {
    object_logger("job", uuid)
        ->error("cannot record state {}: {}", model::state_name(state), updated.error().message);
  }
}

}  // namespace printline::server
