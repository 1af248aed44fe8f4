#include "server/node_watch.h"

#include "core/logging.h"
#include "model/job.h"
#include "model/job_outcome.h"

namespace printline::server {

NodeWatch::NodeWatch(store::Store& store, std::string node_name, std::chrono::seconds heartbeat,
                     std::string interrupted_reason,
                     std::function<void(const std::string&)> on_held)
    : store_(store),
      node_name_(std::move(node_name)),
      heartbeat_(heartbeat),
      interrupted_reason_(std::move(interrupted_reason)),
      on_held_(std::move(on_held)) {}

NodeWatch::~NodeWatch() { stop(); }

Result<store::AbandonedJobs> NodeWatch::hold_abandoned(std::string_view restarting_node) {
  // Clocks of the nodes are compared: keep them in sync (NTP) well within three heartbeats.
  const auto alive_since = model::now_seconds() - 3 * heartbeat_;
  auto abandoned = store_.hold_abandoned_jobs(restarting_node, alive_since, interrupted_reason_);
  if (!abandoned.ok()) return abandoned.error();
  for (const auto& uuid : abandoned->held_uuids) {
    object_logger("job", uuid)->warn("held: {}", model::outcome_for_reader(interrupted_reason_));
    on_held_(uuid);
  }
  return abandoned;
}

Result<bool> NodeWatch::take_over_at_start() {
  auto held = hold_abandoned(node_name_);
  if (!held.ok()) return held.error();
  if (auto alive = store_.record_node_alive(node_name_); !alive.ok()) return alive.error();
  object_logger("node", node_name_)->info("alive; heartbeat every {} s", heartbeat_.count());
  return true;
}

void NodeWatch::start(std::function<void()> requeue_pending) {
  requeue_pending_ = std::move(requeue_pending);
  heartbeats_.start(heartbeat_, PeriodicThread::First::kAfterAPeriod, [this] { heartbeat(); });
}

void NodeWatch::stop() { heartbeats_.stop(); }

void NodeWatch::heartbeat() {
  auto log = object_logger("node", node_name_);
  // A failed mark is retried next heartbeat; after three the others presume this node
  // stopped and hold its in-flight jobs until it records how they ended.
  if (auto alive = store_.record_node_alive(node_name_); !alive.ok()) {
    log->error("cannot mark this node alive: {}", alive.error().message);
  }
  auto abandoned = hold_abandoned("");
  if (!abandoned.ok()) {
    log->error("cannot look for jobs of stopped nodes: {}", abandoned.error().message);
  } else if (abandoned->dead_nodes > 0) {
    log->warn("{} node(s) stopped saying they are alive: their pending jobs are queued here",
              abandoned->dead_nodes);
    requeue_pending_();
  }
}

}  // namespace printline::server
