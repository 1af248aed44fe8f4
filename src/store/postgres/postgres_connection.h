#pragma once
// One libpqxx connection behind the SQL layer (src/sql/), kept in the store so that only the
// server links libpqxx. Statements are prepared once per connection (named s1, s2, ...) and
// run with text parameters; the store's '?' placeholders become $1, $2, ... A transaction is a
// libpqxx object (pqxx::transaction); savepoints are SQL statements in it (SAVEPOINT unitN),
// numbered by depth.
// Every libpqxx exception is turned into SqlError here: nothing from libpqxx escapes.

#include <map>
#include <memory>
#include <optional>
#include <pqxx/connection>
#include <pqxx/result>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "sql/sql_connection.h"

namespace printline::store::postgres {

namespace sql = printline::sql;

class PostgresConnection;

class PostgresStatement final : public sql::Statement {
 public:
  PostgresStatement(PostgresConnection& connection, std::string name, int parameter_count);

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
  PostgresConnection& connection_;
  std::string name_;
  std::vector<std::optional<std::string>> parameters_;
  std::optional<pqxx::result> result_;
  pqxx::result::size_type row_ = 0;
};

class PostgresConnection final : public sql::Connection {
 public:
  // conninfo: "postgresql://user@host:port/db" or "host=... port=... dbname=...".
  // Throws SqlError (fatal) when the server cannot be reached or refuses the login.
  explicit PostgresConnection(const std::string& conninfo);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void exec(const std::string& sql) override;
  const sql::Dialect& dialect() const override;

  void begin(sql::TransactionMode mode) override;
  void commit() override;
  void rollback() override;
  void savepoint() override;
  void release_savepoint() override;
  void rollback_to_savepoint() override;

  // Runs a prepared statement in the innermost open transaction (PostgresStatement's step).
  pqxx::result exec_prepared(const std::string& name,
                             const std::vector<std::optional<std::string>>& parameters);

 protected:
  sql::Statement& statement(const std::string& sql) override;

 private:
  // The transaction a statement runs in.
  pqxx::transaction_base& current();

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::dbtransaction> transaction_;
  int savepoints_ = 0;  // open savepoints: unit1 … unitN
  std::map<std::string, std::unique_ptr<PostgresStatement>, std::less<>> cache_;
};

// Called in a catch block: rethrows what libpqxx threw as SqlError. SQLSTATE 23xxx (UNIQUE,
// FOREIGN KEY, CHECK, NOT NULL) → constraint; a lost connection, a commit whose outcome is
// unknown, or SQLSTATE 08/57/58 → fatal; anything else → other. SqlError passes unchanged.
[[noreturn]] void rethrow_as_sql_error(std::string_view what);

}  // namespace printline::store::postgres
