#include "model/json.h"

namespace printline::model {

nlohmann::json timestamp_to_json(std::optional<Timestamp> t) {
  if (!t) return nullptr;
  return format_timestamp(*t);
}

std::optional<Timestamp> timestamp_from_json(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  auto t = parse_timestamp(j.get<std::string>());
  if (!t) {
    throw nlohmann::json::other_error::create(
        501, "timestamp must look like 2026-01-31T12:00:00Z, got " + j.dump(), &j);
  }
  return t;
}

}  // namespace printline::model
