#pragma once
// The PostgreSQL schema as versioned migrations (see store/sql/migration.h); same versions
// and meaning as the SQLite list.

#include <span>

#include "store/sql/migration.h"

namespace printline::store::postgres {

std::span<const sql::Migration> postgres_migrations();

}  // namespace printline::store::postgres
