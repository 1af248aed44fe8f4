#include "store/sql/sql_store.h"

namespace printline::store::sql {

SqlStore::SqlStore(std::unique_ptr<Connection> connection, std::span<const Migration> migrations,
                   StoreOptions options)
    : options_(std::move(options)),
      owned_connection_(std::move(connection)),
      connection_(*owned_connection_) {
  migrate(connection_, migrations, now_unix());
}

std::int64_t SqlStore::now_unix() const { return options_.clock().time_since_epoch().count(); }

void SqlStore::fault(std::string_view point) {
  if (options_.fault_point && options_.fault_point(point)) {
    throw SqlError(SqlError::Kind::kFatal, "injected storage fault at " + std::string(point));
  }
}

void SqlStore::audit(const Actor& actor, std::string_view action, std::string_view kind,
                     std::string_view name, std::string_view details) {
  connection_
      .query(
          "INSERT INTO audit_log (at, actor, action, object_kind, object_name, details) "
          "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(now_unix(), actor.login, action, kind, name, details)
      .run();
}

}  // namespace printline::store::sql
