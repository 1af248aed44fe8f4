#pragma once
// One libpq connection behind the store's SQL layer. Statements are prepared once per
// connection (named s1, s2, ...) and run with text parameters; the store's '?' placeholders
// become $1, $2, ...

#include <libpq-fe.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sql/sql_connection.h"

namespace printline::store::postgres {

class PostgresStatement final : public sql::Statement {
 public:
  PostgresStatement(PGconn* conn, std::string name, int parameter_count);
  ~PostgresStatement() override;
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;

  void bind_integer(int index, std::int64_t value) override;
  void bind_text(int index, std::string_view value) override;
  void bind_null(int index) override;
  bool step() override;
  std::int64_t integer(int column) const override;
  std::string text(int column) const override;
  bool is_null(int column) const override;
  void reset() override;

 private:
  PGconn* conn_;
  std::string name_;
  std::vector<std::optional<std::string>> parameters_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PostgresConnection final : public sql::Connection {
 public:
  // conninfo: "postgresql://user@host:port/db" or "host=... port=... dbname=...".
  explicit PostgresConnection(const std::string& conninfo);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void exec(const std::string& sql) override;
  const sql::Dialect& dialect() const override;

 protected:
  sql::Statement& statement(const std::string& sql) override;

 private:
  PGconn* conn_ = nullptr;
  std::map<std::string, std::unique_ptr<PostgresStatement>, std::less<>> cache_;
};

// Throws SqlError for a failed result (constraint, lost connection or other), clearing it;
// a successful result stays with the caller, who clears it.
void check_result(PGconn* conn, PGresult* result, std::string_view what);

}  // namespace printline::store::postgres
