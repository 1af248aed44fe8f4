#pragma once
// A thin C++ layer over one sqlite3 connection. Inside the SQLite store, failures are thrown
// as SqliteError and turned into Error values at the Store boundary (sqlite_store.cc), which
// keeps the SQL code readable; nothing here escapes the library.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace printline::store::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }  // extended result code
  bool is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }
  // The database file or disk failed: later writes must not be trusted.
  bool is_fatal() const;

 private:
  int code_;
};

// A cached prepared statement, reset when the Query goes out of scope.
class Query {
 public:
  explicit Query(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  Query& bind(int index, std::int64_t value);
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, std::string_view value);
  Query& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, std::nullptr_t);
  template <typename T>
  Query& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, nullptr);
  }
  // Binds every argument in order, from index 1.
  template <typename... Args>
  Query& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step();  // true while there is a row
  void run();   // steps to completion, for statements without rows

  std::int64_t integer(int column) const;
  bool boolean(int column) const { return integer(column) != 0; }
  std::string text(int column) const;
  bool is_null(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  std::optional<std::string> optional_text(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens or creates the file with WAL, foreign keys and a busy timeout.
  Connection(const std::string& path, int busy_timeout_ms);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void exec(const std::string& sql);    // one or more statements, no results
  Query query(const std::string& sql);  // prepared once per connection, then cached
  std::int64_t last_insert_id() const;
  int changes() const;
  [[noreturn]] void fail(int code, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// Writes use BEGIN IMMEDIATE (take the write lock up front, so two writers never deadlock on
// a lock upgrade); reads use BEGIN DEFERRED. Rolled back unless commit() is reached.
enum class TransactionMode { kRead, kWrite };

class Transaction {
 public:
  Transaction(Connection& connection, TransactionMode mode);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

// A nested unit inside a transaction (one job of an upload batch), rolled back alone.
class Savepoint {
 public:
  explicit Savepoint(Connection& connection);
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();
  void release();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace printline::store::sqlite
