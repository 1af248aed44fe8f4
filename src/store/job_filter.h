#pragma once
// Which jobs a listing or a report covers. Unset fields do not filter. Dates filter on
// submitted_at, from inclusive, to exclusive.

#include <cstdint>
#include <optional>

#include "model/job.h"
#include "model/timestamp.h"

namespace printline::store {

struct JobFilter {
  std::optional<std::int64_t> owner_id;
  std::optional<std::int64_t> printer_id;
  std::optional<model::JobOrigin> origin;
  std::optional<model::JobState> state;
  bool printed_twice_only = false;  // D10: jobs a fallback printer printed too
  std::optional<model::Timestamp> from;
  std::optional<model::Timestamp> to;
  int limit = 1000;  // newest first
  int offset = 0;
};

}  // namespace printline::store
