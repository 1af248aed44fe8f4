#include "server/retention.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

#include "core/logging.h"
#include "model/job.h"
#include "server/metrics.h"

namespace printline::server {
namespace {

using model::JobState;

// "3 days", "5 hours", "40 seconds": the expiry as the owner reads it.
std::string duration_text(std::int64_t seconds) {
  constexpr std::int64_t kDay = 24 * 3600;
  if (seconds % kDay == 0)
    return fmt::format("{} day{}", seconds / kDay, seconds == kDay ? "" : "s");
  if (seconds % 3600 == 0)
    return fmt::format("{} hour{}", seconds / 3600, seconds == 3600 ? "" : "s");
  return fmt::format("{} second{}", seconds, seconds == 1 ? "" : "s");
}

}  // namespace

Retention::Retention(const ServerConfig& config, store::Store& store,
                     std::function<model::Timestamp()> clock)
    : config_(config), store_(store), spool_(config.spool_dir(), store, config.database_document_bytes), clock_(std::move(clock)) {}

Retention::~Retention() { stop(); }

void Retention::start() {
  sweeps_.start(std::chrono::seconds(config_.retention_sweep_seconds),
                PeriodicThread::First::kAtOnce, [this] {
                  const auto sweep = sweep_once();
                  if (sweep.expired_jobs > 0 || sweep.removed_documents > 0) {
                    spdlog::info("retention: {} held job(s) expired, {} document(s) deleted",
                                 sweep.expired_jobs, sweep.removed_documents);
                  }
                });
}

void Retention::stop() { sweeps_.stop(); }

RetentionSweep Retention::sweep_once() {
  RetentionSweep sweep;
  // Documents first: a job expired by this sweep loses its document at the next one, when a
  // release that read "held" just before the expiry has settled what the job is.
  sweep.removed_documents = remove_finished_documents();
  sweep.expired_jobs = expire_held_jobs();
  return sweep;
}

int Retention::remove_finished_documents() {
  const auto now = clock_();
  const auto keep = std::chrono::seconds(config_.printed_document_keep_seconds);
  int removed = 0;
  for (const auto& uuid : spool_.uuids()) {
    auto job = store_.find_job(uuid);
    // No row: a submission still being written (or one the next start's recovery clears).
    if (!job.ok() || !*job) continue;
    const auto& found = **job;
    const bool finished =
        found.state == JobState::kCancelled || found.state == JobState::kFailed ||
        (found.state == JobState::kPrinted && found.printed_at && *found.printed_at + keep <= now);
    if (!finished) continue;
    spool_.remove(uuid);
    object_logger("job", uuid)
        ->info("document deleted ({}): retention", model::state_name(found.state));
    ++removed;
  }
  return removed;
}

int Retention::expire_held_jobs() {
  const auto reason = [](std::int64_t hold_seconds) {
    return fmt::format(
        "Expired: held longer than {} without being released; its document is deleted. Print "
        "it again if you still need it.",
        duration_text(hold_seconds));
  };
  auto expired = store_.expire_held_jobs(clock_(), config_.held_job_expiry_seconds, reason);
  if (!expired.ok()) {
    spdlog::error("retention: cannot expire held jobs: {}", expired.error().message);
    ServerMetrics::process().count_database_error();
    return 0;
  }
  for (const auto& job : *expired) {
    object_logger("job", job.uuid)
        ->info("held longer than {} on queue \"{}\": cancelled", duration_text(job.hold_seconds),
               job.queue);
  }
  return static_cast<int>(expired->size());
}

}  // namespace printline::server
