#include "store/postgres/postgres_connection.h"
#include "store/sql/schema.h"
#include "store/sql/sql_store.h"

namespace printline::store {
namespace {

// Session-level advisory lock held while the schema is checked and migrated: several servers
// starting together on a new database would otherwise race on CREATE TABLE IF NOT EXISTS
// schema_migrations, which PostgreSQL does not make atomic. Any bigint that no one else uses.
constexpr const char* kLockSchema = "SELECT pg_advisory_lock(7020394585476836462)";
constexpr const char* kUnlockSchema = "SELECT pg_advisory_unlock(7020394585476836462)";

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& conninfo,
                                                   StoreOptions options) {
  try {
    auto connection = std::make_unique<postgres::PostgresConnection>(conninfo);
    postgres::PostgresConnection& session = *connection;
    session.exec(kLockSchema);  // released with the session if the migration throws
    auto store = std::make_unique<sql::SqlStore>(std::move(connection), sql::schema_migrations(),
                                                 std::move(options));
    session.exec(kUnlockSchema);
    return std::unique_ptr<Store>(std::move(store));
  } catch (const sql::SqlError& e) {
    return Error{std::string("cannot open the PostgreSQL database: ") + e.what()};
  }
}

}  // namespace printline::store
