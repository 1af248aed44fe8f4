#pragma once
// An exclusive flock() on a lock file, held for the object's lifetime. Serialises set-up steps
// that test programs running in parallel (ctest -j) would otherwise race on.

#include <string>

namespace printline::testing {

class FileLock {
 public:
  explicit FileLock(const std::string& path);  // blocks until the lock is ours
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace printline::testing
