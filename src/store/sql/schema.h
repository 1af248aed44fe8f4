#pragma once
// The database schema as versioned migrations (see store/sql/migration.h), one list for every
// backend: each backend's dialect says how it writes the types.

#include <span>

#include "store/sql/migration.h"

namespace printline::store::sql {

std::span<const Migration> schema_migrations();

}  // namespace printline::store::sql
