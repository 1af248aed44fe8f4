#include "core/unique_fd.h"

#include <unistd.h>

namespace printline {

void UniqueFd::reset(int fd) {
  // Not retried on EINTR: Linux frees the descriptor anyway, and a retry could close a
  // descriptor another thread has just been given.
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

}  // namespace printline
