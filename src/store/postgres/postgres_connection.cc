#include "store/postgres/postgres_connection.h"

#include <fmt/format.h>

#include <charconv>

namespace printline::store::postgres {

using sql::SqlError;

namespace {

// '?' → $1, $2, ... outside string literals.
std::pair<std::string, int> numbered_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int count = 0;
  bool in_literal = false;
  for (char c : sql) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      out += fmt::format("${}", ++count);
    } else {
      out += c;
    }
  }
  return {out, count};
}

}  // namespace

void check_result(PGconn* conn, PGresult* result, std::string_view what) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  const std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  PQclear(result);
  SqlError::Kind kind = SqlError::Kind::kOther;
  if (sqlstate.starts_with("23")) {
    kind = SqlError::Kind::kConstraint;
  } else if (PQstatus(conn) == CONNECTION_BAD || sqlstate.starts_with("08") ||
             sqlstate.starts_with("57") || sqlstate.starts_with("58")) {
    kind = SqlError::Kind::kFatal;
  }
  throw SqlError(kind, fmt::format("{}: {} (SQLSTATE {})", what, message, sqlstate));
}

PostgresStatement::PostgresStatement(PGconn* conn, std::string name, int parameter_count)
    : conn_(conn), name_(std::move(name)), parameters_(static_cast<std::size_t>(parameter_count)) {}

PostgresStatement::~PostgresStatement() { PQclear(result_); }

void PostgresStatement::bind_integer(int index, std::int64_t value) {
  parameters_.at(static_cast<std::size_t>(index - 1)) = std::to_string(value);
}

void PostgresStatement::bind_text(int index, std::string_view value) {
  parameters_.at(static_cast<std::size_t>(index - 1)) = std::string(value);
}

void PostgresStatement::bind_null(int index) {
  parameters_.at(static_cast<std::size_t>(index - 1)).reset();
}

bool PostgresStatement::step() {
  if (!result_) {
    std::vector<const char*> values;
    values.reserve(parameters_.size());
    for (const auto& p : parameters_) values.push_back(p ? p->c_str() : nullptr);
    PGresult* result = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values.size()),
                                      values.data(), nullptr, nullptr, 0);
    check_result(conn_, result, "running SQL");
    result_ = result;
    row_ = -1;
  }
  return ++row_ < PQntuples(result_);
}

std::int64_t PostgresStatement::integer(int column) const {
  const char* value = PQgetvalue(result_, row_, column);
  std::int64_t n = 0;
  std::from_chars(value, value + std::char_traits<char>::length(value), n);
  return n;
}

std::string PostgresStatement::text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

bool PostgresStatement::is_null(int column) const {
  return PQgetisnull(result_, row_, column) != 0;
}

void PostgresStatement::reset() {
  PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  for (auto& p : parameters_) p.reset();
}

PostgresConnection::PostgresConnection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw SqlError(SqlError::Kind::kFatal, "cannot connect to PostgreSQL: " + message);
  }
  // Warnings such as "there is no transaction in progress" are not for the server's log.
  exec("SET client_min_messages = error");
}

PostgresConnection::~PostgresConnection() {
  cache_.clear();
  PQfinish(conn_);
}

void PostgresConnection::exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  check_result(conn_, result, "running SQL");
  PQclear(result);
}

sql::Statement& PostgresConnection::statement(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto [text, count] = numbered_placeholders(sql);
    std::string name = fmt::format("s{}", cache_.size() + 1);
    PGresult* prepared = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    check_result(conn_, prepared, "preparing SQL");
    PQclear(prepared);
    it = cache_.emplace(sql, std::make_unique<PostgresStatement>(conn_, std::move(name), count))
             .first;
  }
  return *it->second;
}

const sql::Dialect& PostgresConnection::dialect() const {
  // Report keys in UTC; the week key follows SQLite's %W (weeks start on Monday, week 00 holds
  // the January days before the first Monday) so both backends report the same rows.
  static const sql::Dialect kDialect{
      .begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED",
      .begin_read = "BEGIN READ ONLY",
      .for_update = " FOR UPDATE",
      .lock_migrations = "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE",
      .day_key = "to_char(to_timestamp({}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
      .week_key =
          "to_char(to_timestamp({0}) AT TIME ZONE 'UTC', 'YYYY') || '-W' || "
          "lpad(((extract(doy from to_timestamp({0}) AT TIME ZONE 'UTC')::int - 1 + 7 - "
          "((extract(dow from to_timestamp({0}) AT TIME ZONE 'UTC')::int + 6) % 7)) / 7)::text, "
          "2, '0')",
      .month_key = "to_char(to_timestamp({}) AT TIME ZONE 'UTC', 'YYYY-MM')",
  };
  return kDialect;
}

}  // namespace printline::store::postgres
