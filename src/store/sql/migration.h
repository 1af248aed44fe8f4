#pragma once
// Versioned schema changes. Each migration runs once, in its own transaction, and is recorded
// in schema_migrations (version, description, applied_at). Never edit a released migration:
// add a new one. One list serves every backend (schema.h), in SQLite's DDL that the
// connection's dialect translates.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "store/sql/sql_layer.h"

namespace printline::store::sql {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // one or more statements
  // Where a backend alters a table's key and constraints in place (Dialect::alters_keys)
  // instead of rebuilding the table as SQLite must; empty: `sql` serves every backend.
  std::string_view sql_altering_in_place = {};
};

// The migration's statements in the connection's DDL (Dialect::identity_column, integer_column,
// blob_column).
std::string ddl_for(const Dialect& dialect, const Migration& migration);

// Applies every migration newer than the database; refuses a database newer than this build.
void migrate(Connection& connection, std::span<const Migration> migrations, std::int64_t now_unix);

}  // namespace printline::store::sql
