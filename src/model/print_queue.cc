#include "model/print_queue.h"

#include <algorithm>

#include "core/i18n.h"
#include "model/job_outcome.h"
#include "model/json.h"

namespace printline::model {

std::optional<FieldProblem> queue_problem(const PrintQueue& queue) {
  const auto name = fmt::arg("queue", queue.name);
  if (queue.name.empty() || queue.name.find_first_of("/ ?#%") != std::string::npos) {
    return FieldProblem{"name", trf("queue name \"{queue}\" must be non-empty and free of '/', "
                                    "spaces, '?', '#' and '%' (it is part of a URL)",
                                    name)};
  }
  if (queue.printer_id && queue.group_id) {
    return FieldProblem{
        "name", trf("queue \"{queue}\" names both a printer and a group: choose one", name)};
  }
  if (queue.kind == QueueKind::kDirect && !queue.printer_id && !queue.group_id) {
    return FieldProblem{
        "kind",
        trf("direct queue \"{queue}\" needs a printer or a printer group to print on", name)};
  }
  if (queue.hold_expiry_seconds &&
      (*queue.hold_expiry_seconds < 0 || *queue.hold_expiry_seconds > kMaxHoldExpirySeconds)) {
    return FieldProblem{"hold_expiry_seconds",
                        trf("queue \"{queue}\": held jobs may wait from 1 second to 366 days "
                            "(0: they never expire)",
                            name)};
  }
  return std::nullopt;
}

std::int64_t hold_expiry_warning(std::int64_t hold_expiry_seconds) {
  return std::min<std::int64_t>(3600, hold_expiry_seconds / 4);
}

void to_json(nlohmann::json& j, QueueKind kind) {
  j = kind == QueueKind::kDirect ? "direct" : "hold";
}

void from_json(const nlohmann::json& j, QueueKind& kind) {
  const auto s = j.get<std::string>();
  if (s == "direct") {
    kind = QueueKind::kDirect;
  } else if (s == "hold") {
    kind = QueueKind::kHold;
  } else {
    throw nlohmann::json::other_error::create(501, "queue kind must be direct or hold", &j);
  }
}

std::string paused_hold_reason() {
  return outcome_note("Held: the printer is paused; it prints when the printer is resumed.");
}

void to_json(nlohmann::json& j, const PrintQueue& queue) {
  j = {{"id", queue.id},
       {"name", queue.name},
       {"kind", queue.kind},
       {"printer_id", queue.printer_id ? nlohmann::json(*queue.printer_id) : nullptr},
       {"group_id", queue.group_id ? nlohmann::json(*queue.group_id) : nullptr},
       {"hold_expiry_seconds",
        queue.hold_expiry_seconds ? nlohmann::json(*queue.hold_expiry_seconds) : nullptr},
       // Shown, not read back: set over IPP (Pause-Printer, Disable-Printer).
       {"paused", queue.control.paused},
       {"accepting_jobs", queue.control.accepting},
       {"state_changed_at", timestamp_to_json(queue.control.changed_at)}};
}

void from_json(const nlohmann::json& j, PrintQueue& queue) {
  read_optional_field(j, "id", queue.id);
  j.at("name").get_to(queue.name);
  read_optional_field(j, "kind", queue.kind);
  queue.printer_id.reset();
  queue.group_id.reset();
  read_optional_field(j, "printer_id", queue.printer_id);
  read_optional_field(j, "group_id", queue.group_id);
  queue.hold_expiry_seconds.reset();
  read_optional_field(j, "hold_expiry_seconds", queue.hold_expiry_seconds);
}

}  // namespace printline::model
