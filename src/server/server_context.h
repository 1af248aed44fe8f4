#pragma once
// What every route handler of the server may use. Owned by PrintlineServer; outlives routes.

#include "directory/directory_sync.h"
#include "server/job_service.h"
#include "server/login_rate_limiter.h"
#include "server/server_config.h"
#include "store/store.h"

namespace printline::server {

struct ServerContext {
  const ServerConfig& config;
  store::Store& store;
  JobService& jobs;
  LoginRateLimiter& login_limiter;
  // Release stations' badge and PIN attempts (release_station_routes.cc), stricter: a PIN
  // has far fewer values than a password.
  LoginRateLimiter& badge_limiter;
  // The configured directories (docs/directory.md): syncs, and directory accounts' passwords.
  directory::DirectorySync& directories;
  std::string base_url;  // e.g. "http://127.0.0.1:8631", known once the listener is bound
};

}  // namespace printline::server
