#pragma once
// Versioned schema changes. Each migration runs once, in its own transaction, and is recorded
// in schema_migrations (version, description, applied_at). Never edit a released migration:
// add a new one.

#include <span>
#include <string_view>

#include "store/sqlite/sqlite_connection.h"

namespace printline::store::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();

// Applies every migration newer than the database; refuses a database newer than this build.
void migrate(Connection& connection, std::int64_t now_unix);

}  // namespace printline::store::sqlite
