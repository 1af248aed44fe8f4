#pragma once
// `printline-server backup --to FILE` and `restore --from FILE` (issue 15, docs/install.md).
//
// A backup is one tar file (backup_archive.h), mode 0600: a manifest, the database, and the
// spooled documents of the jobs that are not finished (pending, held, printing) in it — what a
// restored server needs to print or release them. It is taken while the server runs:
//   SQLite      the online backup API (sqlite3_backup_*) copies one consistent snapshot;
//   PostgreSQL  pg_dump (custom format) of a snapshot exported by a REPEATABLE READ
//               transaction, in which the unfinished jobs are listed too.
// Documents are first given a second name in <data>/backup-staging (hard links, no copy), so a
// job that prints and loses its document after the snapshot still has it in the backup.
//
// Restore wants a stopped server (data_dir_lock.h) and an empty place: no SQLite database in
// the data directory, no tables in the PostgreSQL database. It never overwrites.

#include <filesystem>
#include <string>

#include "core/error.h"
#include "server/server_config.h"

namespace printline::server {

struct BackupSummary {
  std::string database;            // "sqlite" or "postgresql"
  std::filesystem::path file;      // the archive written or read
  int documents = 0;               // spooled documents in it
  int documents_missing = 0;       // unfinished jobs whose document was already gone
};

// `to` may name a directory: the file is then printline-backup-<UTC time>.tar in it.
Result<BackupSummary> create_backup(const ServerConfig& config, const std::filesystem::path& to);

Result<BackupSummary> restore_backup(const ServerConfig& config,
                                     const std::filesystem::path& from);

}  // namespace printline::server
