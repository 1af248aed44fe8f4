#include "sql/sqlite_connection.h"
#include "store/sql/schema.h"
#include "store/sql/sql_store.h"

namespace printline::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, StoreOptions options) {
  try {
    auto connection = std::make_unique<printline::sql::SqliteConnection>(
        path, static_cast<int>(options.busy_timeout.count()));
    return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(
        std::move(connection), sql::schema_migrations(), std::move(options)));
  } catch (const sql::SqlError& e) {
    return Error{std::string("cannot open the database: ") + e.what()};
  }
}

}  // namespace printline::store
