#include "model/audit_entry.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, const AuditEntry& entry) {
  j = {{"id", entry.id},
       {"at", timestamp_to_json(entry.at)},
       {"actor", entry.actor},
       {"action", entry.action},
       {"object_kind", entry.object_kind},
       {"object_name", entry.object_name},
       {"details", entry.details}};
}

void from_json(const nlohmann::json& j, AuditEntry& entry) {
  read_optional_field(j, "id", entry.id);
  if (j.contains("at")) entry.at = timestamp_from_json(j["at"]).value_or(Timestamp{});
  read_optional_field(j, "actor", entry.actor);
  read_optional_field(j, "action", entry.action);
  read_optional_field(j, "object_kind", entry.object_kind);
  read_optional_field(j, "object_name", entry.object_name);
  read_optional_field(j, "details", entry.details);
}

}  // namespace printline::model
