#include "store/postgres/postgres_connection.h"

#include <fmt/format.h>

#include <pqxx/binarystring>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/prepared_statement>

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

// libpq's messages span lines (a hint on a tab-indented line, a final newline); ours are one
// line, for the server's log.
std::string one_line(std::string_view message) {
  std::string out;
  for (char c : message) {
    if (c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

void rethrow_as_sql_error(std::string_view what) {
  try {
    throw;
  } catch (const SqlError&) {
    throw;
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    SqlError::Kind kind = SqlError::Kind::kOther;
    if (state.starts_with("23")) {
      kind = SqlError::Kind::kConstraint;
    } else if (state.starts_with("08") || state.starts_with("57") || state.starts_with("58")) {
      kind = SqlError::Kind::kFatal;
    }
    throw SqlError(kind, fmt::format("{}: {} (SQLSTATE {})", what, one_line(e.what()), state));
  } catch (const pqxx::broken_connection& e) {
    throw SqlError(
        SqlError::Kind::kFatal,
        fmt::format("{}: the connection to PostgreSQL was lost: {}", what, one_line(e.what())));
  } catch (const pqxx::in_doubt_error& e) {
    // The COMMIT went out but its answer did not come back: it may or may not have happened.
    throw SqlError(SqlError::Kind::kFatal, fmt::format("{}: the outcome of a commit is unknown: {}",
                                                       what, one_line(e.what())));
  } catch (const std::exception& e) {
    throw SqlError(SqlError::Kind::kOther, fmt::format("{}: {}", what, one_line(e.what())));
  }
}

PostgresStatement::PostgresStatement(PostgresConnection& connection, std::string name,
                                     int parameter_count)
    : connection_(connection),
      name_(std::move(name)),
      parameters_(static_cast<std::size_t>(parameter_count)) {}

void PostgresStatement::bind_integer(int index, std::int64_t value) {
  parameters_.at(static_cast<std::size_t>(index - 1)) = std::to_string(value);
}

void PostgresStatement::bind_text(int index, std::string_view value) {
  parameters_.at(static_cast<std::size_t>(index - 1)) = std::string(value);
}

void PostgresStatement::bind_null(int index) {
  parameters_.at(static_cast<std::size_t>(index - 1)).reset();
}

// libpqxx 6 sends every parameter as text: bytes go in bytea's hex form.
void PostgresStatement::bind_blob(int index, std::string_view bytes) {
  std::string hex;
  hex.reserve(2 + 2 * bytes.size());
  hex += "\\x";
  constexpr char kDigits[] = "0123456789abcdef";
  for (const unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0xf];
  }
  parameters_.at(static_cast<std::size_t>(index - 1)) = std::move(hex);
}

bool PostgresStatement::step() {
  if (!result_) {
    result_ = connection_.exec_prepared(name_, parameters_);
    row_ = 0;
    return row_ < result_->size();
  }
  return ++row_ < result_->size();
}

std::int64_t PostgresStatement::integer(int column) const {
  try {
    return (*result_)[row_][column].as<std::int64_t>();
  } catch (...) {
    rethrow_as_sql_error("reading an integer column");
  }
}

std::string PostgresStatement::text(int column) const {
  const pqxx::field field = (*result_)[row_][column];
  return std::string(field.c_str(), field.size());
}

std::string PostgresStatement::blob(int column) const {
  try {
    return pqxx::binarystring((*result_)[row_][column]).str();
  } catch (...) {
    rethrow_as_sql_error("reading a bytea column");
  }
}

bool PostgresStatement::is_null(int column) const { return (*result_)[row_][column].is_null(); }

void PostgresStatement::reset() {
  result_.reset();
  row_ = 0;
  for (auto& p : parameters_) p.reset();
}

PostgresConnection::PostgresConnection(const std::string& conninfo) {
  try {
    conn_ = std::make_unique<pqxx::connection>(conninfo);
    // Warnings such as "there is no transaction in progress" are not for the server's log.
    // set_variable also keeps the setting if libpqxx reconnects between transactions.
    conn_->set_variable("client_min_messages", "error");
  } catch (const pqxx::broken_connection& e) {
    throw SqlError(SqlError::Kind::kFatal,
                   one_line(e.what()) +
                       " (check the postgresql:// URL, and that PostgreSQL is running and lets "
                       "this user in)");
  } catch (...) {
    rethrow_as_sql_error("setting up the PostgreSQL connection");
  }
}

PostgresConnection::~PostgresConnection() {
  transaction_.reset();  // before the connection (libpqxx's order)
}

pqxx::transaction_base& PostgresConnection::current() { return *transaction_; }

void PostgresConnection::exec(const std::string& sql) {
  try {
    if (transaction_) {
      current().exec(sql);
    } else {
      // Outside a transaction (schema_migrations bootstrap): one statement, autocommitted.
      pqxx::nontransaction autocommit(*conn_);
      autocommit.exec(sql);
    }
  } catch (...) {
    rethrow_as_sql_error("running SQL");
  }
}

pqxx::result PostgresConnection::exec_prepared(
    const std::string& name, const std::vector<std::optional<std::string>>& parameters) {
  try {
    const auto values = pqxx::prepare::make_dynamic_params(parameters);
    if (transaction_) return current().exec_prepared(name, values);
    pqxx::nontransaction autocommit(*conn_);
    return autocommit.exec_prepared(name, values);
  } catch (...) {
    rethrow_as_sql_error("running SQL");
  }
}

sql::Statement& PostgresConnection::statement(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    auto [text, count] = numbered_placeholders(sql);
    std::string name = fmt::format("s{}", cache_.size() + 1);
    try {
      conn_->prepare(name, text);
    } catch (...) {
      rethrow_as_sql_error("preparing SQL");
    }
    it = cache_.emplace(sql, std::make_unique<PostgresStatement>(*this, std::move(name), count))
             .first;
  }
  return *it->second;
}

void PostgresConnection::begin(sql::TransactionMode mode) {
  if (transaction_) throw SqlError(SqlError::Kind::kOther, "a transaction is already open");
  try {
    if (mode == sql::TransactionMode::kWrite) {
      transaction_ =
          std::make_unique<pqxx::transaction<pqxx::read_committed, pqxx::read_write>>(*conn_);
    } else {
      transaction_ =
          std::make_unique<pqxx::transaction<pqxx::read_committed, pqxx::read_only>>(*conn_);
    }
  } catch (...) {
    rethrow_as_sql_error("starting a transaction");
  }
}

void PostgresConnection::commit() {
  if (!transaction_) throw SqlError(SqlError::Kind::kOther, "no transaction to commit");
  try {
    // Savepoints left open are part of the transaction: COMMIT releases them.
    savepoints_ = 0;
    transaction_->commit();
    transaction_.reset();
  } catch (...) {
    // rollback() still follows (Transaction's destructor) and discards the objects.
    rethrow_as_sql_error("committing");
  }
}

void PostgresConnection::rollback() {
  // Whatever happens, the transaction object goes: libpqxx aborts in its destructor and only
  // reports (never throws) if that fails, e.g. on a lost connection.
  savepoints_ = 0;
  auto transaction = std::move(transaction_);
  if (!transaction) return;
  try {
    transaction->abort();
  } catch (...) {
    rethrow_as_sql_error("rolling back");
  }
}

// Savepoints are SQL statements in the transaction, not pqxx::subtransaction objects: after a
// statement failed inside one, libpqxx 7.7's subtransaction abort left the transaction aborted
// ("current transaction is aborted"), so nothing after a refused row could be written.
void PostgresConnection::savepoint() {
  if (!transaction_) throw SqlError(SqlError::Kind::kOther, "a savepoint needs a transaction");
  try {
    transaction_->exec(fmt::format("SAVEPOINT unit{}", savepoints_ + 1));
    ++savepoints_;
  } catch (...) {
    rethrow_as_sql_error("setting a savepoint");
  }
}

void PostgresConnection::release_savepoint() {
  if (savepoints_ == 0) throw SqlError(SqlError::Kind::kOther, "no savepoint to release");
  const int name = savepoints_--;
  try {
    transaction_->exec(fmt::format("RELEASE SAVEPOINT unit{}", name));
  } catch (...) {
    rethrow_as_sql_error("releasing a savepoint");
  }
}

void PostgresConnection::rollback_to_savepoint() {
  if (savepoints_ == 0) return;
  const int name = savepoints_--;
  try {
    transaction_->exec(
        fmt::format("ROLLBACK TO SAVEPOINT unit{0}; RELEASE SAVEPOINT unit{0}", name));
  } catch (...) {
    rethrow_as_sql_error("rolling back to a savepoint");
  }
}

const sql::Dialect& PostgresConnection::dialect() const {
  // Report keys in UTC; the week key follows SQLite's %W (weeks start on Monday, week 00 holds
  // the January days before the first Monday) so both backends report the same rows.
  // begin_write / begin_read stay empty: begin() opens libpqxx transactions instead.
  static const sql::Dialect kDialect{
      .begin_write = "",
      .begin_read = "",
      .for_update = " FOR UPDATE",
      .lock_migrations = "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE",
      .day_key = "to_char(to_timestamp({}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
      .week_key =
          "to_char(to_timestamp({0}) AT TIME ZONE 'UTC', 'YYYY') || '-W' || "
          "lpad(((extract(doy from to_timestamp({0}) AT TIME ZONE 'UTC')::int - 1 + 7 - "
          "((extract(dow from to_timestamp({0}) AT TIME ZONE 'UTC')::int + 6) % 7)) / 7)::text, "
          "2, '0')",
      .month_key = "to_char(to_timestamp({}) AT TIME ZONE 'UTC', 'YYYY-MM')",
      .identity_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
      .integer_column = "BIGINT",
      .blob_column = "BYTEA",
      .alters_keys = true,
  };
  return kDialect;
}

}  // namespace printline::store::postgres
