#pragma once
// Can a user pay for a job now? Used by the server at print and release time, and by the
// desktop client offline (D5) with its last synced copy of the user and what it printed
// offline since then and has not yet uploaded.

#include <cstdint>
#include <string>
#include <string_view>

#include "model/timestamp.h"
#include "model/user.h"

namespace printline::model {

// Printed offline and not yet accounted by the server.
struct UnsyncedSpending {
  std::int64_t cost_cents = 0;
  std::int64_t pages = 0;
};

struct Affordability {
  bool allowed = true;
  std::string reason;  // empty when allowed; otherwise what is short and by how much
};

// cost_cents and pages are the job's total (all copies). A user who does not pay with credit
// is only held to the quota: their own, else their group's (User::effective_quota). A quota
// limit that is absent does not restrict.
// The reason is in the thread's language (D14), its amounts in `currency` (the server's;
// empty: bare numbers).
Affordability can_afford(const User& user, std::int64_t cost_cents, std::int64_t pages,
                         Timestamp now, const UnsyncedSpending& unsynced = {},
                         std::string_view currency = {});

}  // namespace printline::model
