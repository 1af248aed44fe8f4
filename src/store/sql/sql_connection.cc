#include "store/sql/sql_connection.h"

namespace printline::store::sql {

Transaction::Transaction(Connection& connection, TransactionMode mode) : connection_(connection) {
  connection_.exec(mode == TransactionMode::kWrite ? connection_.dialect().begin_write
                                                   : connection_.dialect().begin_read);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.exec("ROLLBACK");
    } catch (const SqlError&) {
      // The backend may already have rolled back on its own (e.g. after an I/O error).
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
      connection_.exec("ROLLBACK TO SAVEPOINT unit");
      connection_.exec("RELEASE SAVEPOINT unit");
    } catch (const SqlError&) {
    }
  }
}

void Savepoint::release() {
  connection_.exec("RELEASE SAVEPOINT unit");
  done_ = true;
}

}  // namespace printline::store::sql
