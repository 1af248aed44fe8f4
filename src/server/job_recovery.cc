// Start, restart and shutdown (job_pipeline.h): at start a server holds what its previous run
// (and stopped nodes sharing the database) left printing — it may or may not have printed —
// queues every pending job and re-queues every job acknowledged but not analysed; shutdown
// stops the workers, leaving queued jobs pending for the next start.
// A job held so is then asked of its IPP printers (transport/ipp_job_lookup.h): one lists it →
// printed and charged; none of them got it → printed again; no clear answer → left held.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/logging.h"
#include "server/job_pipeline.h"
#include "server/job_targets.h"
#include "transport/ipp_job_lookup.h"

namespace printline::server {

using model::Job;
using model::JobState;
namespace {

// The settler recognises the jobs it must ask about by this note (a job stored with the plain
// English sentence of older versions stays held for a person).
std::string interrupted_outcome() {
  return model::outcome_note(
      "The server stopped while sending this job, so it may or may not have printed; release it "
      "again to print.");
}

}  // namespace

JobPipeline::JobPipeline(const ServerConfig& config, store::Store& store)
    : config_(config),
      store_(store),
      spool_(config.spool_dir(), store, config.database_document_bytes),
      recorder_(store),
      node_watch_(store, config.node_identity(),
                  std::chrono::seconds(config.node_heartbeat_seconds),
                  interrupted_outcome(), [this](const std::string& uuid) {
                    {
                      std::lock_guard lock(mutex_);
                      to_settle_.push_back(uuid);
                    }
                    settle_ready_.notify_one();
                  }) {}

JobPipeline::~JobPipeline() { shutdown(); }

// Holds what this server's previous run (and stopped nodes) left printing, then queues every
// pending job: its claim decides which server sharing the database prints it.
Result<bool> JobPipeline::resume() {
  if (auto taken = node_watch_.take_over_at_start(); !taken.ok()) return taken.error();
  return queue_pending_jobs();
}

Result<bool> JobPipeline::queue_pending_jobs() {
  // D10: a desktop client's commit may have been recorded by a run that died before its
  // answer left; that client then printed the job on a fallback printer. Its fallback report
  // cancels this copy, so such jobs wait report_grace() before printing.
  std::vector<std::pair<std::string, bool>> pending;  // UUID, committed by a desktop client
  for (int offset = 0;; offset += 500) {
    store::JobFilter filter;
    filter.state = JobState::kPending;
    filter.limit = 500;
    filter.offset = offset;
    auto page = store_.list_jobs(filter);
    if (!page.ok()) return page.error();
    for (const auto& job : *page) pending.emplace_back(job.uuid, job.commit_before.has_value());
    if (page->size() < 500) break;
  }
  std::reverse(pending.begin(), pending.end());  // oldest first
  const auto grace = report_grace();
  const auto grace_ends = std::chrono::steady_clock::now() + grace;
  std::lock_guard lock(mutex_);
  for (auto& [uuid_text, from_client] : pending) {
    std::string& uuid = uuid_text;  // clang's lambdas cannot capture a structured binding yet
    if (std::find(work_.begin(), work_.end(), uuid) != work_.end()) continue;
    if (std::any_of(in_grace_.begin(), in_grace_.end(),
                    [&](const auto& graced) { return graced.second == uuid; })) {
      continue;
    }
    if (from_client) {
      queue_after_grace(std::move(uuid), grace_ends);
    } else {
      object_logger("job", uuid)->info("queued to print");
      work_.push_back(std::move(uuid));
    }
  }
  work_ready_.notify_all();
  return true;
}

void JobPipeline::settle_interrupted(const std::string& uuid) {
  auto log = object_logger("job", uuid);
  auto found = store_.find_job(uuid);
  if (!found.ok() || !*found) return;
  const Job job = **found;
  if (job.state != JobState::kHeld || job.outcome != interrupted_outcome()) return;
  auto printers = printers_for_job(store_, job);
  if (!printers.ok() || printers->empty()) return;
  const bool any_ipp = std::any_of(printers->begin(), printers->end(), [](const auto& printer) {
    return printer.device_uri.starts_with("ipp://") || printer.device_uri.starts_with("ipps://");
  });
  if (!any_ipp) return;  // RAW and LPR printers keep no job list to ask
  auto owner = store_.find_user(job.owner_id);
  // As the print workers sent it (delivery_options, transport/ipp_client.cc).
  transport::JobToLookUp wanted;
  wanted.uuid = job.uuid;
  wanted.user = owner.ok() && *owner ? (*owner)->login : "";
  wanted.title = job.title.empty() ? "Printline job" : job.title;
  wanted.age = std::max(std::chrono::seconds(0), model::now_seconds() - job.submitted_at);

  std::optional<model::Printer> taken_on;
  std::string taken_detail;
  std::vector<std::string> unsure;
  for (const auto& printer : *printers) {
    auto said = transport::look_up_job(printer.device_uri, wanted);
    log->info("looked up on {}: {}", printer.name, said.detail);
    if (said.found == transport::JobAtPrinter::kTaken) {
      taken_on = printer;
      taken_detail = said.detail;
      break;
    }
    if (said.found != transport::JobAtPrinter::kAbsent) {
      unsure.push_back(fmt::format("{}: {}", printer.name, said.detail));
    }
  }

  bool print_again = false;
  {
    // A release or cancel in this process waits; one that came first wins.
    std::lock_guard lock(mutex_);
    auto now = store_.find_job(uuid);
    if (!now.ok() || !*now || (*now)->state != JobState::kHeld ||
        (*now)->outcome != interrupted_outcome()) {
      return;
    }
    if (taken_on) {
      charge_printed(job, *taken_on,
                     model::outcome_note(
                         "Printed on {printer}: the server stopped while sending it, and {detail}.",
                         {{"printer", taken_on->name}, {"detail", taken_detail}}));
      if (config_.printed_document_keep_seconds == 0) spool_.remove(uuid);
    } else if (unsure.empty()) {
      log->info("no printer got it before the server stopped: printed again");
      record(uuid, JobState::kPending, std::nullopt,
             model::outcome_note("The server stopped while sending this job, before the printer "
                                 "got it; it is printed again."));
      print_again = true;
    } else {
      const auto answers = fmt::format("{}", fmt::join(unsure, "; "));  // as the printers said
      record(uuid, JobState::kHeld, std::nullopt,
             model::outcome_note("The server stopped while sending this job, so it may or may not "
                                 "have printed ({answers}). Check the printer, then release it "
                                 "again to print or cancel it.",
                                 {{"answers", answers}}));
    }
  }
  if (print_again) enqueue(uuid);
}

// One thread asks the printers what became of the interrupted jobs: a printer that does not
// answer keeps it waiting up to its timeout, and no print worker waits with it.
void JobPipeline::settle_in_background() {
  while (true) {
    std::string uuid;
    {
      std::unique_lock lock(mutex_);
      settle_ready_.wait(lock, [&] { return stopping_ || !to_settle_.empty(); });
      if (stopping_) return;
      uuid = std::move(to_settle_.front());
      to_settle_.pop_front();
    }
    settle_interrupted(uuid);
  }
}

void JobPipeline::start_workers() {
  const int count = std::max(1, config_.print_workers);
  for (int i = 0; i < count; ++i) workers_.emplace_back([this] { work(); });
  analyser_ = std::thread([this] { analyse_in_background(); });
  settler_ = std::thread([this] { settle_in_background(); });
  commit_sweeper_.start(commit_sweep_interval(), PeriodicThread::First::kAtOnce,
                        [this] { expire_uncommitted(); });
  node_watch_.start([this] {
    if (auto queued = queue_pending_jobs(); !queued.ok()) {
      object_logger("node", node_watch_.node_name())
          ->error("cannot queue the pending jobs of a stopped server: {}", queued.error().message);
    }
  });
}

// Queues every job a previous run acknowledged but did not analyse; an older version's marks in
// the spool become the jobs' flag first.
void JobPipeline::resume_analysis() {
  for (const auto& uuid : spool_.older_unanalysed_marks()) {
    if (auto marked = store_.mark_unanalysed(uuid); !marked.ok()) {
      object_logger("job", uuid)->error("not analysed yet, but cannot be marked so: {}",
                                        marked.error().message);
      continue;
    }
    spool_.forget_older_mark(uuid);
  }
  auto marked = store_.unanalysed_jobs();
  if (!marked.ok()) {
    spdlog::error("cannot list the jobs not analysed yet: {}", marked.error().message);
    return;
  }
  std::lock_guard lock(mutex_);
  for (auto& uuid : *marked) {
    object_logger("job", uuid)->info("not analysed yet: queued for analysis after restart");
    to_analyse_.push_back(std::move(uuid));
  }
}

void JobPipeline::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
  }
  work_ready_.notify_all();
  analyse_ready_.notify_all();
  settle_ready_.notify_all();
  node_watch_.stop();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  if (analyser_.joinable()) analyser_.join();  // jobs left marked are analysed next start
  if (settler_.joinable()) settler_.join();    // jobs left held are asked about next start
  commit_sweeper_.stop();
}

}  // namespace printline::server
