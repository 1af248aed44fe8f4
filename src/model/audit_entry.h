#pragma once
// One administrative change, written in the same transaction as the change itself.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "model/timestamp.h"

namespace printline::model {

struct AuditEntry {
  std::int64_t id = 0;
  Timestamp at{};
  std::string actor;        // login of the administrator (or "system")
  std::string action;       // "create", "update", "delete", "top-up", "set-password", ...
  std::string object_kind;  // "user", "printer", "group", "queue", "price-list", "profile", ...
  std::string object_name;  // login or name, readable after the object is gone
  std::string details;      // JSON text of the new state, or a short note

  bool operator==(const AuditEntry&) const = default;
};

void to_json(nlohmann::json& j, const AuditEntry& entry);
void from_json(const nlohmann::json& j, AuditEntry& entry);

}  // namespace printline::model
