#pragma once
// The database half of a backup (backup.h), one implementation per store backend: a consistent
// copy in a file, with the jobs that were unfinished in that very copy; and its way back.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "server/server_config.h"

namespace printline::server {

struct DatabaseSnapshot {
  std::vector<std::string> unfinished_jobs;  // UUIDs of pending, held and printing jobs
  // Jobs whose document the database keeps (server/job_spool.h): the copy has them.
  std::set<std::string> documents_in_database;
};

// The UUIDs of the jobs whose document is in the database.
inline constexpr const char* kDocumentsInDatabaseSql = "SELECT job_uuid FROM job_documents";

// The job states whose documents a restored server still needs, as SQL: ('pending', ...).
std::string unfinished_states_sql();

// SQLite: the online backup API into `into`, a new file.
Result<DatabaseSnapshot> snapshot_sqlite(const ServerConfig& config,
                                         const std::filesystem::path& into);
// Puts the copy `from` in place as the data directory's database; refuses when there is one.
Result<bool> restore_sqlite(const ServerConfig& config, const std::filesystem::path& from);

// PostgreSQL: pg_dump's custom format into `into`.
Result<DatabaseSnapshot> snapshot_postgres(const ServerConfig& config,
                                           const std::filesystem::path& into);
// pg_restore of `from` into the configured database; refuses when it has tables.
Result<bool> restore_postgres(const ServerConfig& config, const std::filesystem::path& from);

}  // namespace printline::server
