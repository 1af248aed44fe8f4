#pragma once
// A server print queue (SPEC §3): direct queues print at once on their printer or on the first
// available member of their group; hold queues keep the job until its owner releases it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace printline::model {

enum class QueueKind { kDirect, kHold };

struct PrintQueue {
  std::int64_t id = 0;
  std::string name;  // also the IPP path: /ipp/print/<name>
  QueueKind kind = QueueKind::kDirect;
  // A direct queue targets exactly one of these; a hold queue may name neither.
  std::optional<std::int64_t> printer_id;
  std::optional<std::int64_t> group_id;

  bool operator==(const PrintQueue&) const = default;
};

// What is wrong with the queue's settings, or nullopt.
std::optional<std::string> queue_problem(const PrintQueue& queue);

void to_json(nlohmann::json& j, QueueKind kind);
void from_json(const nlohmann::json& j, QueueKind& kind);
void to_json(nlohmann::json& j, const PrintQueue& queue);
void from_json(const nlohmann::json& j, PrintQueue& queue);

}  // namespace printline::model
