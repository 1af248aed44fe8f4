#pragma once
// One sqlite3 connection behind the SQL layer, for the store and the outbox alike: WAL,
// synchronous=FULL, foreign keys, a busy timeout, and statements prepared once and cached.
// Not thread-safe (SQLITE_OPEN_NOMUTEX): its owner serialises the calls with its own mutex.

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>

#include "sql/sql_connection.h"
#include "sql/sqlite_checkpointer.h"

namespace printline::sql {

class SqliteStatement final : public Statement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_integer(int index, std::int64_t value) override;
  void bind_text(int index, std::string_view value) override;
  void bind_null(int index) override;
  void bind_blob(int index, std::string_view bytes) override;
  bool step() override;
  std::int64_t integer(int column) const override;
  std::string text(int column) const override;
  bool is_null(int column) const override;
  std::string blob(int column) const override;
  void reset() override;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  // Opens or creates the file. A store's writer checkpoints in the background
  // (sqlite_checkpointer.h) so that no commit waits for a checkpoint; others checkpoint as
  // SQLite does by itself, in the commit that fills the log.
  enum class Checkpoints { kInCommit, kInBackground };
  SqliteConnection(const std::string& path, int busy_timeout_ms,
                   Checkpoints checkpoints = Checkpoints::kInCommit);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void exec(const std::string& sql) override;
  const Dialect& dialect() const override;

 protected:
  Statement& statement(const std::string& sql) override;

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> cache_;
  std::unique_ptr<SqliteCheckpointer> checkpointer_;
};

// Maps an SQLite result code to SqlError's kinds.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, std::string_view what);

}  // namespace printline::sql
