#include "sql/sqlite_checkpointer.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sql/sqlite_connection.h"

namespace printline::sql {

SqliteCheckpointer::SqliteCheckpointer(const std::string& path, int busy_timeout_ms) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw SqlError(SqlError::Kind::kFatal,
                   fmt::format("cannot open database {} to checkpoint it: {}", path, message));
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // A connection reads the file's header, and learns it is in WAL mode, only when first used.
  sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  thread_ = std::thread([this] { run(); });
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

void SqliteCheckpointer::log_has(int frames) {
  {
    std::lock_guard lock(mutex_);
    frames_ = frames;
  }
  if (frames >= kPassiveFrames) wake_.notify_one();
}

void SqliteCheckpointer::run() {
  // At the lowest CPU priority: the commits are durable in the log already; copying them into
  // the file can wait for a moment the writer and its readers leave the CPU free.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
  while (true) {
    int frames = 0;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || frames_ >= kPassiveFrames; });
      frames = frames_;
      frames_ = 0;
      stopping = stopping_;
    }
    // A failed checkpoint is not an error: the log keeps the commits, the next one copies them.
    const int mode =
        frames >= kRestartFrames ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE;
    sqlite3_wal_checkpoint_v2(db_, nullptr, mode, nullptr, nullptr);
    if (stopping) return;
  }
}

}  // namespace printline::sql
