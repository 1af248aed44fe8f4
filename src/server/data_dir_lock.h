#pragma once
// Who uses a data directory: every running printline-server holds a shared lock on
// <data>/printline-server.lock for its lifetime (several servers on one PostgreSQL may share a
// spool directory); `printline-server restore` needs it exclusively, so it never replaces the
// data under a running server. The kernel drops the lock when the process ends, even by kill -9.

#include <filesystem>
#include <utility>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline::server {

class DataDirLock {
 public:
  enum class Mode { kServing, kRestoring };
  // Fails with a message that says to stop the server when the lock is taken.
  static Result<DataDirLock> take(const std::filesystem::path& data_dir, Mode mode);
  DataDirLock(DataDirLock&&) noexcept = default;
  DataDirLock& operator=(DataDirLock&&) = delete;

 private:
  explicit DataDirLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace printline::server
