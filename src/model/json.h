#pragma once
// JSON conversion helpers shared by every model type. Each type has to_json / from_json beside
// it (found by ADL); parse_json turns nlohmann's exceptions into an Error value for callers
// that must not throw (the REST layer, the client cache).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "model/json_number.h"
#include "model/timestamp.h"

namespace printline::model {

template <typename T>
Result<T> parse_json(const nlohmann::json& j) {
  try {
    return j.get<T>();
  } catch (const nlohmann::json::exception& e) {
    return Error{std::string("invalid JSON: ") + e.what()};
  }
}

// Timestamps as ISO 8601 strings; an absent optional is null.
nlohmann::json timestamp_to_json(std::optional<Timestamp> t);
// Throws nlohmann::json::other_error on a malformed timestamp (caught by parse_json).
std::optional<Timestamp> timestamp_from_json(const nlohmann::json& j);

// Reads key if present, else leaves value as it is (defaults stay in the struct). Integers
// are range-checked (json_number.h).
template <typename T>
void read_optional_field(const nlohmann::json& j, const char* key, T& value) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) get_checked(*it, value, key);
}

}  // namespace printline::model
