#include "store/sql/sql_store.h"

namespace printline::store::sql {

thread_local Connection* SqlStore::current_ = nullptr;

SqlStore::SqlStore(std::unique_ptr<Connection> connection, std::span<const Migration> migrations,
                   StoreOptions options, std::vector<std::unique_ptr<Connection>> readers)
    : options_(std::move(options)), writer_(std::move(connection)), readers_(std::move(readers)) {
  migrate(*writer_, migrations, now_unix());
  for (auto& reader : readers_) free_readers_.push_back(reader.get());
}

SqlStore::Lease::Lease(SqlStore& store, TransactionMode mode) : store_(store), outer_(current_) {
  if (mode == TransactionMode::kRead && !store_.readers_.empty()) {
    std::unique_lock lock(store_.readers_mutex_);
    store_.reader_freed_.wait(lock, [&] { return !store_.free_readers_.empty(); });
    connection_ = store_.free_readers_.back();
    store_.free_readers_.pop_back();
    reader_ = true;
  } else {
    store_.mutex_.lock();
    connection_ = store_.writer_.get();
  }
  current_ = connection_;
}

SqlStore::Lease::~Lease() {
  current_ = outer_;
  if (!reader_) {
    store_.mutex_.unlock();
    return;
  }
  {
    std::lock_guard lock(store_.readers_mutex_);
    store_.free_readers_.push_back(connection_);
  }
  store_.reader_freed_.notify_one();
}

std::optional<std::string> SqlStore::broken() const {
  std::lock_guard lock(broken_mutex_);
  return broken_;
}

void SqlStore::set_broken(std::string why) {
  std::lock_guard lock(broken_mutex_);
  broken_ = std::move(why);
}

std::int64_t SqlStore::now_unix() const { return options_.clock().time_since_epoch().count(); }

void SqlStore::fault(std::string_view point) {
  if (options_.fault_point && options_.fault_point(point)) {
    throw SqlError(SqlError::Kind::kFatal, "injected storage fault at " + std::string(point));
  }
}

void SqlStore::audit(const Actor& actor, std::string_view action, std::string_view kind,
                     std::string_view name, std::string_view details) {
  db()
      .query(
          "INSERT INTO audit_log (at, actor, action, object_kind, object_name, details) "
          "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(now_unix(), actor.login, action, kind, name, details)
      .run();
}

}  // namespace printline::store::sql
