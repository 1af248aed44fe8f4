#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <system_error>
#include <thread>

#include "model/job.h"
#include "server/backup_database.h"

namespace printline::server {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Result<Db> open(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return Error{fmt::format("Cannot open the database {}: {}.", path.string(),
                             raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
  }
  sqlite3_busy_timeout(db.get(), 30'000);
  return db;
}

std::filesystem::path database_path(const ServerConfig& config) {
  return config.data_dir / "printline.db";
}

}  // namespace

std::string unfinished_states_sql() {
  using model::JobState;
  return fmt::format("('{}', '{}', '{}')", model::state_name(JobState::kPending),
                     model::state_name(JobState::kHeld), model::state_name(JobState::kPrinting));
}

Result<DatabaseSnapshot> snapshot_sqlite(const ServerConfig& config,
                                         const std::filesystem::path& into) {
  if (!std::filesystem::exists(database_path(config))) {
    return Error{fmt::format("There is no database {} to back up: check --data.",
                             database_path(config).string())};
  }
  auto source = open(database_path(config), SQLITE_OPEN_READWRITE);
  if (!source.ok()) return source.error();
  auto copy = open(into, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!copy.ok()) return copy.error();
  sqlite3_backup* backup = sqlite3_backup_init(copy->get(), "main", source->get(), "main");
  if (backup == nullptr) {
    return Error{fmt::format("SQLite cannot back up {}: {}.", database_path(config).string(),
                             sqlite3_errmsg(copy->get()))};
  }
  // All pages in one step: one read transaction, so one consistent snapshot; in WAL mode the
  // running server keeps writing meanwhile. Busy only while a checkpoint holds the file.
  int rc = SQLITE_OK;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
           std::chrono::steady_clock::now() < deadline);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return Error{fmt::format("SQLite could not copy {}: {}.", database_path(config).string(),
                             sqlite3_errstr(rc))};
  }
  DatabaseSnapshot snapshot;
  const auto uuids = [&](const std::string& sql, auto add) -> Status {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(copy->get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return Error{fmt::format("The copy of {} has no job tables: {}.",
                               database_path(config).string(), sqlite3_errmsg(copy->get()))};
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      add(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    return std::monostate{};
  };
  if (auto listed = uuids("SELECT uuid FROM jobs WHERE state IN " + unfinished_states_sql(),
                          [&](const char* uuid) { snapshot.unfinished_jobs.emplace_back(uuid); });
      !listed.ok()) {
    return listed.error();
  }
  if (auto listed = uuids(kDocumentsInDatabaseSql,
                          [&](const char* uuid) { snapshot.documents_in_database.insert(uuid); });
      !listed.ok()) {
    return listed.error();
  }
  return snapshot;
}

Result<bool> restore_sqlite(const ServerConfig& config, const std::filesystem::path& from) {
  const auto target = database_path(config);
  std::error_code error;
  if (std::filesystem::exists(target, error)) {
    return Error{fmt::format(
        "{} already holds a database: restore into an empty data directory, or move the "
        "old one away first. Nothing was changed.",
        target.string())};
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    std::filesystem::remove(target.string() + suffix, error);  // of a database moved away
  }
  // Checks the copy is a whole database before it becomes the server's.
  {
    auto copy = open(from, SQLITE_OPEN_READWRITE);
    if (!copy.ok()) return copy.error();
    sqlite3_stmt* statement = nullptr;
    bool whole = sqlite3_prepare_v2(copy->get(), "PRAGMA quick_check", -1, &statement,
                                    nullptr) == SQLITE_OK &&
                 sqlite3_step(statement) == SQLITE_ROW &&
                 std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) ==
                     "ok";
    sqlite3_finalize(statement);
    if (!whole) return Error{"The database in the backup is damaged; use another backup."};
  }
  std::filesystem::rename(from, target, error);
  if (error) {
    return Error{fmt::format("Cannot put the database in place as {}: {}.", target.string(),
                             error.message())};
  }
  return true;
}

}  // namespace printline::server
