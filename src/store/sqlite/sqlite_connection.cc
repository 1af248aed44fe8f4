#include "store/sqlite/sqlite_connection.h"

#include <fmt/format.h>

namespace printline::store::sqlite {

bool SqliteError::is_fatal() const {
  switch (code_ & 0xff) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_CANTOPEN:
      return true;
    default:
      return false;
  }
}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

namespace {

[[noreturn]] void throw_from(sqlite3* db, int code, std::string_view what) {
  throw SqliteError(sqlite3_extended_errcode(db),
                    fmt::format("{}: {} (SQLite code {})", what, sqlite3_errmsg(db), code));
}

}  // namespace

Query& Query::bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) {
    throw_from(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
  return *this;
}

Query& Query::bind(int index, std::string_view value) {
  if (int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                 SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    throw_from(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
  return *this;
}

Query& Query::bind(int index, std::nullptr_t) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) {
    throw_from(sqlite3_db_handle(stmt_), rc, "binding a value");
  }
  return *this;
}

bool Query::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_from(sqlite3_db_handle(stmt_), rc, "running SQL");
}

void Query::run() {
  while (step()) {
  }
}

std::int64_t Query::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Query::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}

bool Query::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::optional<std::int64_t> Query::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Query::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Connection::Connection(const std::string& path, int busy_timeout_ms) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, fmt::format("cannot open database {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // WAL: readers do not block the writer. NORMAL sync is durable across process crashes in
  // WAL mode (a power loss can lose the last commits, never corrupt). Foreign keys are off by
  // default in SQLite and must be switched on per connection.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Connection::exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw SqliteError(sqlite3_extended_errcode(db_), fmt::format("running SQL: {}", text));
  }
}

Query Connection::query(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr); rc != SQLITE_OK) {
      throw_from(db_, rc, "preparing SQL");
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return Query(it->second);
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

void Connection::fail(int code, std::string_view what) const {
  throw SqliteError(code, std::string(what));
}

Transaction::Transaction(Connection& connection, TransactionMode mode) : connection_(connection) {
  connection_.exec(mode == TransactionMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.exec("ROLLBACK");
    } catch (const SqliteError&) {
      // SQLite may already have rolled back on its own (e.g. after an I/O error).
    }
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

Savepoint::Savepoint(Connection& connection) : connection_(connection) {
  connection_.exec("SAVEPOINT unit");
}

Savepoint::~Savepoint() {
  if (!done_) {
    try {
      connection_.exec("ROLLBACK TO unit; RELEASE unit");
    } catch (const SqliteError&) {
    }
  }
}

void Savepoint::release() {
  connection_.exec("RELEASE unit");
  done_ = true;
}

}  // namespace printline::store::sqlite
