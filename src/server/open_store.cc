#include "server/open_store.h"

namespace printline::server {

Result<std::unique_ptr<store::Store>> open_configured_store(const ServerConfig& config) {
  if (config.database == "sqlite") {
    return store::open_sqlite_store((config.data_dir / "printline.db").string());
  }
  // libpqxx passes the postgresql:// URI to libpq as it is; several servers may share it.
  return store::open_postgres_store(config.database);
}

}  // namespace printline::server
