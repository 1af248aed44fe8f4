#pragma once
// The store's SQL is written against the shared access layer (src/sql/, printline::sql); these
// names let it keep saying Query, Transaction, SqlError inside printline::store::sql.

#include "sql/sql_connection.h"

namespace printline::store::sql {

using printline::sql::Connection;
using printline::sql::Dialect;
using printline::sql::Query;
using printline::sql::Savepoint;
using printline::sql::SqlError;
using printline::sql::Statement;
using printline::sql::Transaction;
using printline::sql::TransactionMode;

}  // namespace printline::store::sql
