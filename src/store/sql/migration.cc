#include "store/sql/migration.h"

#include <fmt/format.h>

#include <regex>

namespace printline::store::sql {

std::string ddl_for(const Dialect& dialect, const Migration& migration) {
  const auto& source = dialect.alters_keys && !migration.sql_altering_in_place.empty()
                           ? migration.sql_altering_in_place
                           : migration.sql;
  // Identity keys first ("id INTEGER PRIMARY KEY,"; a fixed key such as "INTEGER PRIMARY KEY
  // CHECK (id = 1)" stays a plain integer), then every other integer column.
  static const std::regex kIdentity(R"(\bINTEGER PRIMARY KEY,)");
  static const std::regex kInteger(R"(\bINTEGER\b)");
  static const std::regex kBlob(R"(\bBLOB\b)");
  auto ddl = std::regex_replace(std::string(source), kIdentity, dialect.identity_column + ",");
  ddl = std::regex_replace(ddl, kInteger, dialect.integer_column);
  return std::regex_replace(ddl, kBlob, dialect.blob_column);
}

void migrate(Connection& connection, std::span<const Migration> migrations, std::int64_t now_unix) {
  connection.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  for (const auto& migration : migrations) {
    Transaction tx(connection, TransactionMode::kWrite);
    // Checked inside the write transaction (and under a table lock where the backend needs
    // one): two processes opening a new database apply each migration once.
    if (!connection.dialect().lock_migrations.empty()) {
      connection.exec(connection.dialect().lock_migrations);
    }
    {
      auto applied = connection.query("SELECT 1 FROM schema_migrations WHERE version = ?");
      applied.bind_all(migration.version);
      if (applied.step()) continue;
    }
    connection.exec(ddl_for(connection.dialect(), migration));
    connection
        .query(
            "INSERT INTO schema_migrations (version, description, applied_at) "
            "VALUES (?, ?, ?)")
        .bind_all(migration.version, migration.description, now_unix)
        .run();
    tx.commit();
  }
  Transaction tx(connection, TransactionMode::kRead);
  auto newest = connection.query("SELECT MAX(version) FROM schema_migrations");
  newest.step();
  if (newest.integer(0) > migrations.back().version) {
    throw SqlError(SqlError::Kind::kOther,
                   fmt::format("the database has schema version {} but this Printline knows "
                               "only up to {}: upgrade Printline, or restore an older backup",
                               newest.integer(0), migrations.back().version));
  }
}

}  // namespace printline::store::sql
