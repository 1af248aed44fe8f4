// Start, restart and shutdown (job_pipeline.h): at start a server holds what its previous run
// (and stopped nodes sharing the database) left printing — it may or may not have printed —
// queues every pending job and re-queues every job acknowledged but not analysed; shutdown
// stops the workers, leaving queued jobs pending for the next start.

#include <fmt/format.h>

#include <algorithm>

#include "core/logging.h"
#include "server/job_pipeline.h"

namespace printline::server {

using model::Job;
using model::JobState;
namespace {

constexpr std::string_view kInterruptedReason =
    "The server stopped while sending this job, so it may or may not have printed; release it "
    "again to print.";

}  // namespace

JobPipeline::JobPipeline(const ServerConfig& config, store::Store& store)
    : config_(config),
      store_(store),
      spool_(config.spool_dir()),
      node_watch_(store, config.node_identity(),
                  std::chrono::seconds(config.node_heartbeat_seconds),
                  std::string(kInterruptedReason)) {}

JobPipeline::~JobPipeline() { shutdown(); }

// Holds what this server's previous run (and stopped nodes) left printing, then queues every
// pending job: its claim decides which server sharing the database prints it.
Result<bool> JobPipeline::resume() {
  if (auto taken = node_watch_.take_over_at_start(); !taken.ok()) return taken.error();
  return queue_pending_jobs();
}

Result<bool> JobPipeline::queue_pending_jobs() {
  std::vector<std::string> pending;
  for (int offset = 0;; offset += 500) {
    store::JobFilter filter;
    filter.state = JobState::kPending;
    filter.limit = 500;
    filter.offset = offset;
    auto page = store_.list_jobs(filter);
    if (!page.ok()) return page.error();
    for (const auto& job : *page) pending.push_back(job.uuid);
    if (page->size() < 500) break;
  }
  std::reverse(pending.begin(), pending.end());  // oldest first
  std::lock_guard lock(mutex_);
  for (auto& uuid : pending) {
    if (std::find(work_.begin(), work_.end(), uuid) != work_.end()) continue;
    object_logger("job", uuid)->info("queued to print");
    work_.push_back(std::move(uuid));
  }
  work_ready_.notify_all();
  return true;
}

void JobPipeline::start_workers() {
  const int count = std::max(1, config_.print_workers);
  for (int i = 0; i < count; ++i) workers_.emplace_back([this] { work(); });
  analyser_ = std::thread([this] { analyse_in_background(); });
  commit_sweeper_ = std::thread([this] { sweep_uncommitted(); });
  node_watch_.start([this] {
    if (auto queued = queue_pending_jobs(); !queued.ok()) {
      object_logger("node", node_watch_.node_name())
          ->error("cannot queue the pending jobs of a stopped server: {}", queued.error().message);
    }
  });
}

// Queues every job a previous run acknowledged but did not analyse.
void JobPipeline::resume_analysis() {
  auto marked = spool_.list_unanalysed();
  if (marked.empty()) return;
  std::lock_guard lock(mutex_);
  for (auto& uuid : marked) {
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
  commit_sweep_wake_.notify_all();
  node_watch_.stop();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  if (analyser_.joinable()) analyser_.join();  // jobs left marked are analysed next start
  if (commit_sweeper_.joinable()) commit_sweeper_.join();
}

}  // namespace printline::server
