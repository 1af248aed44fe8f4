#pragma once
// The store the configuration names: SQLite in the data directory, or a PostgreSQL database
// that several server processes may share.

#include <memory>

#include "core/error.h"
#include "server/server_config.h"
#include "store/store.h"

namespace printline::server {

Result<std::unique_ptr<store::Store>> open_configured_store(const ServerConfig& config);

}  // namespace printline::server
