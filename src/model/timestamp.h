#pragma once
// Points in time in the model are whole seconds UTC; JSON carries them as ISO 8601
// ("2026-11-24T01:39:51Z") so that the REST API and the client cache are readable.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace printline::model {

using Timestamp = std::chrono::sys_seconds;

Timestamp now_seconds();
std::string format_timestamp(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SSZ" only; nullopt for anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);

}  // namespace printline::model
