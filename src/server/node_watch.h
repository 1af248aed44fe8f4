#pragma once
// Servers sharing one database (docs/server.md, "Several servers on one database"): every
// process has a stable node name and marks itself alive in the database every heartbeat, and
// a job being sent to a printer records the node sending it. A node silent for three
// heartbeats is presumed stopped: the jobs it left "printing" may or may not have come out of
// the printer, so they are held for their owner (never resent silently), and the pending jobs
// it had queued are queued again here (the store's claim lets only one node print each).
// A restarting node holds its own previous run's printing jobs at once, and leaves alone the
// jobs another live node is sending. Every job held so is handed to `on_held`, which may ask
// the printer what became of it (job_recovery.cc).

#include <chrono>
#include <functional>
#include <string>

#include "core/error.h"
#include "core/periodic_thread.h"
#include "store/store.h"

namespace printline::server {

class NodeWatch {
 public:
  NodeWatch(store::Store& store, std::string node_name, std::chrono::seconds heartbeat,
            std::string interrupted_reason, std::function<void(const std::string&)> on_held);
  ~NodeWatch();  // stops the thread

  const std::string& node_name() const { return node_name_; }

  // Before this process sends anything: holds what its previous run and stopped nodes left
  // printing, and marks this node alive.
  Result<bool> take_over_at_start();
  // Every heartbeat: marks this node alive and holds what stopped nodes left printing; when a
  // node was found stopped, calls requeue_pending.
  void start(std::function<void()> requeue_pending);
  void stop();

 private:
  Result<store::AbandonedJobs> hold_abandoned(std::string_view restarting_node);
  void heartbeat();

  store::Store& store_;
  const std::string node_name_;
  const std::chrono::seconds heartbeat_;
  const std::string interrupted_reason_;
  const std::function<void(const std::string&)> on_held_;
  std::function<void()> requeue_pending_;
  PeriodicThread heartbeats_;
};

}  // namespace printline::server
