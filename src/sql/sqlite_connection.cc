#include "sql/sqlite_connection.h"

#include <fmt/format.h>

namespace printline::sql {

void throw_sqlite_error(sqlite3* db, int code, std::string_view what) {
  const int extended = db ? sqlite3_extended_errcode(db) : code;
  SqlError::Kind kind = SqlError::Kind::kOther;
  switch (extended & 0xff) {
    case SQLITE_CONSTRAINT:
      kind = SqlError::Kind::kConstraint;
      break;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CANTOPEN:
      kind = SqlError::Kind::kFatal;
      break;
    default:
      break;
  }
  throw SqlError(kind, fmt::format("{}: {} (SQLite code {})", what,
                                   db ? sqlite3_errmsg(db) : sqlite3_errstr(code), extended));
}

void SqliteStatement::bind_integer(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) {
    throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
}

void SqliteStatement::bind_text(int index, std::string_view value) {
  if (int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                 SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
}

void SqliteStatement::bind_null(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) {
    throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
}

void SqliteStatement::bind_blob(int index, std::string_view bytes) {
  if (int rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC);
      rc != SQLITE_OK) {
    throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite_error(sqlite3_db_handle(stmt_), rc, "running SQL");
}

std::int64_t SqliteStatement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string SqliteStatement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}

std::string SqliteStatement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
           : std::string();
}

bool SqliteStatement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

SqliteConnection::SqliteConnection(const std::string& path, int busy_timeout_ms,
                                   Checkpoints checkpoints) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqlError(SqlError::Kind::kFatal,
                   fmt::format("cannot open database {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // WAL: readers do not block the writer. FULL sync makes a commit survive a power loss, as
  // the spooled document it records does (fsync'ed), before the job is acknowledged; measured
  // within the noise of IPP intake (docs/benchmarks.md). Foreign keys are off by default in
  // SQLite and must be switched on per connection.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  if (checkpoints == Checkpoints::kInBackground) {
    exec("PRAGMA wal_autocheckpoint=0");
    checkpointer_ = std::make_unique<SqliteCheckpointer>(path, busy_timeout_ms);
    sqlite3_wal_hook(
        db_,
        [](void* checkpointer, sqlite3*, const char*, int frames) {
          static_cast<SqliteCheckpointer*>(checkpointer)->log_has(frames);
          return SQLITE_OK;
        },
        checkpointer_.get());
  }
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();  // statements are finalized before the connection closes
  sqlite3_close(db_);
  checkpointer_.reset();  // a last checkpoint, the writer closed
}

void SqliteConnection::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string text = message ? message : "";
    sqlite3_free(message);
    throw_sqlite_error(db_, rc, "running SQL" + (text.empty() ? "" : " (" + text + ")"));
  }
}

Statement& SqliteConnection::statement(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr); rc != SQLITE_OK) {
      throw_sqlite_error(db_, rc, "preparing SQL");
    }
    it = cache_.emplace(sql, std::make_unique<SqliteStatement>(stmt)).first;
  }
  return *it->second;
}

const Dialect& SqliteConnection::dialect() const {
  static const Dialect kDialect{
      .begin_write = "BEGIN IMMEDIATE",
      .begin_read = "BEGIN DEFERRED",
      .for_update = "",
      .lock_migrations = "",
      .day_key = "strftime('%Y-%m-%d', {}, 'unixepoch')",
      .week_key = "strftime('%Y-W%W', {}, 'unixepoch')",
      .month_key = "strftime('%Y-%m', {}, 'unixepoch')",
  };
  return kDialect;
}

}  // namespace printline::sql
