#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/sqlite_migrations.h"

namespace printline::store {

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, StoreOptions options) {
  try {
    return std::unique_ptr<Store>(new sqlite::SqliteStore(path, std::move(options)));
  } catch (const sqlite::SqliteError& e) {
    return Error{std::string("cannot open the database: ") + e.what()};
  }
}

}  // namespace printline::store

namespace printline::store::sqlite {

SqliteStore::SqliteStore(const std::string& path, StoreOptions options)
    : options_(std::move(options)),
      connection_(path, static_cast<int>(options_.busy_timeout.count())) {
  migrate(connection_, now_unix());
}

std::int64_t SqliteStore::now_unix() const { return options_.clock().time_since_epoch().count(); }

void SqliteStore::fault(std::string_view point) {
  if (options_.fault_point && options_.fault_point(point)) {
    throw SqliteError(SQLITE_IOERR, "injected storage fault at " + std::string(point));
  }
}

void SqliteStore::audit(const Actor& actor, std::string_view action, std::string_view kind,
                        std::string_view name, std::string_view details) {
  connection_
      .query(
          "INSERT INTO audit_log (at, actor, action, object_kind, object_name, details) "
          "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(now_unix(), actor.login, action, kind, name, details)
      .run();
}

}  // namespace printline::store::sqlite
