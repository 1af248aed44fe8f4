#pragma once
// The SQLite schema as versioned migrations (see store/sql/migration.h).

#include <span>

#include "store/sql/migration.h"

namespace printline::store::sqlite {

std::span<const sql::Migration> sqlite_migrations();

}  // namespace printline::store::sqlite
