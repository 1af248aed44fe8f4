#pragma once
// What a desktop client tells the server with its heartbeat: which workstation it is, and how
// many jobs it printed in fallback that the server has not accounted yet. Only the client
// knows that number (the jobs are in its outbox until uploaded), so the administrator's
// dashboard shows the latest report of each client.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "model/timestamp.h"

namespace printline::model {

struct ClientReport {
  std::string client_id;  // stable for one client installation (kept in its state directory)
  std::int64_t user_id = 0;  // whose login the client uses (from its token)
  std::string login;         // that user's login, filled in when reports are read
  std::string hostname;
  std::string os_user;  // the workstation account the client runs as
  std::int64_t fallback_jobs_awaiting_upload = 0;
  Timestamp reported_at{};  // the server's clock, not the client's

  bool operator==(const ClientReport&) const = default;
};

void to_json(nlohmann::json& j, const ClientReport& report);

}  // namespace printline::model
