#include "sql/sqlite_connection.h"
#include "store/sql/schema.h"
#include "store/sql/sql_store.h"

namespace printline::store {
namespace {

// Reads run on their own connections (sql_store.h), so that a read never waits for a write's
// sync: enough for the server's request workers to read while intake commits.
constexpr int kReaderConnections = 4;

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, StoreOptions options) {
  try {
    const auto busy_timeout_ms = static_cast<int>(options.busy_timeout.count());
    auto writer = std::make_unique<printline::sql::SqliteConnection>(
        path, busy_timeout_ms, printline::sql::SqliteConnection::Checkpoints::kInBackground);
    std::vector<std::unique_ptr<printline::sql::Connection>> readers;
    for (int i = 0; i < kReaderConnections; ++i) {
      readers.push_back(std::make_unique<printline::sql::SqliteConnection>(path, busy_timeout_ms));
    }
    return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(
        std::move(writer), sql::schema_migrations(), std::move(options), std::move(readers)));
  } catch (const sql::SqlError& e) {
    return Error{std::string("cannot open the database: ") + e.what()};
  }
}

}  // namespace printline::store
