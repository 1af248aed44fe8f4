#pragma once
// How a store is opened. The clock and the fault hook are there for tests (LevelDB's
// injectable Env): a test moves time to expire tokens, or stops a transaction half-way.

#include <chrono>
#include <functional>
#include <string_view>

#include "model/timestamp.h"
#include "store/password_hash.h"

namespace printline::store {

struct StoreOptions {
  std::function<model::Timestamp()> clock = model::now_seconds;
  HashCost hash_cost = HashCost::kInteractive;
  // How long a writer waits for another connection's transaction before giving up.
  std::chrono::milliseconds busy_timeout{5000};
  // Called at named points inside write transactions ("record_job:inserted", ...). Returning
  // true makes the transaction fail there, as an I/O error would. A test may also _exit().
  std::function<bool(std::string_view point)> fault_point;
};

}  // namespace printline::store
