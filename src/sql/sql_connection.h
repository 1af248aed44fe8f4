#pragma once
// The one SQL access layer (issue 14): the server's store is written against it, so that one
// implementation of Store serves SQLite and PostgreSQL, and the desktop client's outbox uses
// its SQLite backend. Failures are thrown as SqlError; each user turns them into Error values
// at its own boundary (store/sql/sql_store.h, client/outbox_store.cc), so none escapes a layer.
// SQL uses '?' placeholders; a backend rewrites them if it needs to.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace printline::sql {

class SqlError : public std::runtime_error {
 public:
  enum class Kind {
    kConstraint,  // UNIQUE, FOREIGN KEY, CHECK, NOT NULL
    kFatal,       // the disk, the file or the connection failed: do not trust later writes
    kOther,
  };
  SqlError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  bool is_constraint() const { return kind_ == Kind::kConstraint; }
  bool is_fatal() const { return kind_ == Kind::kFatal; }

 private:
  Kind kind_;
};

// One prepared statement of a backend. Columns count from 0, parameters from 1.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  // Bytes, not text (a document): BLOB in SQLite, BYTEA in PostgreSQL.
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual bool step() = 0;  // true while there is a row
  virtual std::int64_t integer(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  virtual std::string blob(int column) const = 0;
  virtual void reset() = 0;  // forget the result and the bindings
};

// A borrowed statement, reset when the Query goes out of scope.
class Query {
 public:
  explicit Query(Statement& statement) : statement_(statement) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() { statement_.reset(); }

  Query& bind(int index, std::int64_t value) {
    statement_.bind_integer(index, value);
    return *this;
  }
  Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Query& bind(int index, std::string_view value) {
    statement_.bind_text(index, value);
    return *this;
  }
  Query& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Query& bind(int index, std::nullptr_t) {
    statement_.bind_null(index);
    return *this;
  }
  // Bound without a copy in SQLite: the bytes must live until the query is run.
  Query& bind_blob(int index, std::string_view bytes) {
    statement_.bind_blob(index, bytes);
    return *this;
  }
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

  bool step() { return statement_.step(); }
  void run() {
    while (step()) {
    }
  }

  std::int64_t integer(int column) const { return statement_.integer(column); }
  bool boolean(int column) const { return integer(column) != 0; }
  std::string text(int column) const { return statement_.text(column); }
  bool is_null(int column) const { return statement_.is_null(column); }
  std::string blob(int column) const { return statement_.blob(column); }
  std::optional<std::int64_t> optional_integer(int column) const {
    if (is_null(column)) return std::nullopt;
    return integer(column);
  }
  std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }

 private:
  Statement& statement_;
};

// What differs between the SQL of the backends.
struct Dialect {
  std::string begin_write;  // SQLite: BEGIN IMMEDIATE (take the write lock up front)
  std::string begin_read;
  std::string for_update;       // row lock suffix for read-modify-write ("" in SQLite)
  std::string lock_migrations;  // run before checking a migration ("" in SQLite)
  // Report keys from a Unix-seconds column; "{}" stands for the column.
  std::string day_key;    // 2026-11-24
  std::string week_key;   // 2026-W47 (weeks start on Monday; week 00 before the first Monday)
  std::string month_key;  // 2026-11
  // DDL (store/sql/schema.cc is written in SQLite's): the type of an identity key column, of
  // every other integer column and of bytes, and whether a table's key can be altered in place.
  std::string identity_column = "INTEGER PRIMARY KEY";
  std::string integer_column = "INTEGER";
  std::string blob_column = "BLOB";
  bool alters_keys = false;
};

enum class TransactionMode { kRead, kWrite };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual void exec(const std::string& sql) = 0;  // statements without results or parameters
  Query query(const std::string& sql) { return Query(statement(sql)); }
  virtual const Dialect& dialect() const = 0;

  // What Transaction and Savepoint do. The defaults run the dialect's SQL through exec(); a
  // backend whose client library owns the transaction (libpqxx) overrides them.
  virtual void begin(TransactionMode mode);
  virtual void commit();
  virtual void rollback();
  virtual void savepoint();
  virtual void release_savepoint();
  virtual void rollback_to_savepoint();

 protected:
  // The statement for this SQL text, prepared once and cached by the connection. A statement
  // must not be used by two live Queries at once (do not nest the same SQL).
  virtual Statement& statement(const std::string& sql) = 0;
};

// Rolled back unless commit() is reached.
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

}  // namespace printline::sql
