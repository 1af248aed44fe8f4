#include "sql/sql_connection.h"

namespace printline::sql {

void Connection::begin(TransactionMode mode) {
  exec(mode == TransactionMode::kWrite ? dialect().begin_write : dialect().begin_read);
}

void Connection::commit() { exec("COMMIT"); }

void Connection::rollback() { exec("ROLLBACK"); }

void Connection::savepoint() { exec("SAVEPOINT unit"); }

void Connection::release_savepoint() { exec("RELEASE SAVEPOINT unit"); }

void Connection::rollback_to_savepoint() {
  exec("ROLLBACK TO SAVEPOINT unit");
  exec("RELEASE SAVEPOINT unit");
}

Transaction::Transaction(Connection& connection, TransactionMode mode) : connection_(connection) {
  connection_.begin(mode);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.rollback();
    } catch (const SqlError&) {
      // The backend may already have rolled back on its own (e.g. after an I/O error).
    }
  }
}

void Transaction::commit() {
  connection_.commit();
  done_ = true;
}

Savepoint::Savepoint(Connection& connection) : connection_(connection) {
  connection_.savepoint();
}

Savepoint::~Savepoint() {
  if (!done_) {
    try {
      connection_.rollback_to_savepoint();
    } catch (const SqlError&) {
    }
  }
}

void Savepoint::release() {
  connection_.release_savepoint();
  done_ = true;
}

}  // namespace printline::sql
