#pragma once
// A server print queue (SPEC §3): direct queues print at once on their printer or on the first
// available member of their group; hold queues keep the job until its owner releases it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/field_problem.h"
#include "model/timestamp.h"

namespace printline::model {

enum class QueueKind { kDirect, kHold };

// A queue's operator state (IPP Pause-Printer, Disable-Printer).
struct QueueControl {
  bool paused = false;     // jobs are held, to print when the queue is resumed
  bool accepting = true;   // false: new jobs are refused
  std::optional<Timestamp> changed_at;  // the last change; none: never changed

  bool operator==(const QueueControl&) const = default;
};

struct PrintQueue {
  std::int64_t id = 0;
  std::string name;  // also the IPP path: /ipp/print/<name>
  QueueKind kind = QueueKind::kDirect;
  // A direct queue targets exactly one of these; a hold queue may name neither.
  std::optional<std::int64_t> printer_id;
  std::optional<std::int64_t> group_id;
  // How long a held job waits here for its owner before it is cancelled unprinted (its owner
  // is warned before: hold_expiry_warning); nullopt: the server's held_job_expiry_seconds;
  // 0: never.
  std::optional<std::int64_t> hold_expiry_seconds;
  // What an operator sets over IPP (Pause-Printer, Disable-Printer), kept with the queue so it
  // outlives a restart and every server node sees it. Not part of the queue's settings:
  // update_queue leaves them alone, set_queue_control changes them.
  QueueControl control;

  bool operator==(const PrintQueue&) const = default;
};

// Why a job a paused queue took, or had waiting, is held (IPP Pause-Printer), in the
// requester's language.
std::string paused_hold_reason();

// The longest hold time a queue may set (a year): beyond it, use 0 (never).
inline constexpr std::int64_t kMaxHoldExpirySeconds = 366LL * 24 * 3600;

// What is wrong with the queue's settings, or nullopt.
std::optional<FieldProblem> queue_problem(const PrintQueue& queue);

// How long before a held job expires its owner is warned: a quarter of the hold time, at most
// an hour (8 h: warned 1 h before; 1 min: 15 s before).
std::int64_t hold_expiry_warning(std::int64_t hold_expiry_seconds);

void to_json(nlohmann::json& j, QueueKind kind);
void from_json(const nlohmann::json& j, QueueKind& kind);
void to_json(nlohmann::json& j, const PrintQueue& queue);
void from_json(const nlohmann::json& j, PrintQueue& queue);

}  // namespace printline::model
