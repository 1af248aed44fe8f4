#pragma once
// Copies a WAL database's log back into its file on a thread of its own. SQLite's automatic
// checkpoint runs inside the commit that takes the log past its threshold: that commit then
// writes and syncs megabytes while every other write waits behind it (a server's intake keeps
// documents in the database, so the log passes 1000 pages every few commits). The writer's
// connection tells this thread how long the log is after each commit (sqlite3_wal_hook); a
// passive checkpoint runs beside the writer and its readers and blocks neither, at nice 19: in a
// burst of writes the log grows (every commit in it is durable) and is copied when the CPU is
// free.

#include <sqlite3.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace printline::sql {

class SqliteCheckpointer {
 public:
  // Opens its own connection to the file; throws SqlError when it cannot.
  SqliteCheckpointer(const std::string& path, int busy_timeout_ms);
  ~SqliteCheckpointer();  // stops after a last checkpoint
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Called after each commit with the frames in the log.
  void log_has(int frames);

  // A passive checkpoint once the log holds this many pages (SQLite's automatic threshold);
  // past kRestartFrames the writer waits for a full one, which lets the log start over, so a
  // write load that never pauses cannot grow it without bound.
  static constexpr int kPassiveFrames = 1000;
  static constexpr int kRestartFrames = 64000;  // 256 MiB of 4 KiB pages

 private:
  void run();

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::condition_variable wake_;
  int frames_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace printline::sql
