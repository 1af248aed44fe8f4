#include "store/postgres/postgres_connection.h"
#include "store/postgres/postgres_schema.h"
#include "store/sql/sql_store.h"

namespace printline::store {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& conninfo,
                                                   StoreOptions options) {
  try {
    auto connection = std::make_unique<postgres::PostgresConnection>(conninfo);
    return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(
        std::move(connection), postgres::postgres_migrations(), std::move(options)));
  } catch (const sql::SqlError& e) {
    return Error{std::string("cannot open the database: ") + e.what()};
  }
}

}  // namespace printline::store
