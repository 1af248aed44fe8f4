#pragma once
// Versioned schema changes. Each migration runs once, in its own transaction, and is recorded
// in schema_migrations (version, description, applied_at). Never edit a released migration:
// add a new one. Each backend has its own list (its own DDL) with the same versions.

#include <cstdint>
#include <span>
#include <string_view>

#include "store/sql/sql_connection.h"

namespace printline::store::sql {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // one or more statements
};

// Applies every migration newer than the database; refuses a database newer than this build.
void migrate(Connection& connection, std::span<const Migration> migrations, std::int64_t now_unix);

}  // namespace printline::store::sql
