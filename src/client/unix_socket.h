#pragma once
// The control socket's plumbing on both sides: JSON lines over a Unix stream socket, a file
// descriptor passed with SCM_RIGHTS on the same message as a request line, and the peer's
// credentials (SO_PEERCRED).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline::client {

struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;
};

Result<PeerCredentials> peer_credentials(int socket_fd);
// The daemon serves its own user and root (the CUPS backend runs as root); nobody else.
bool peer_allowed(uid_t peer, uid_t daemon);

// Writes line + '\n'; with fd >= 0 the descriptor travels with the first byte (SCM_RIGHTS).
// MSG_NOSIGNAL: a peer that went away is an error value, not SIGPIPE.
bool send_line(int socket_fd, const std::string& line, int fd = -1);

// Reads newline-terminated lines, keeping any descriptors that arrive with them.
class LineReader {
 public:
  explicit LineReader(int socket_fd, std::size_t max_line) : fd_(socket_fd), max_(max_line) {}
  enum class Status { kLine, kClosed, kTooLong, kError, kTimedOut };
  // The next line (without '\n'). timeout: nullopt waits for ever.
  Status next(std::string* line, std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // Descriptors received so far and not yet taken; the caller owns them.
  std::vector<UniqueFd> take_fds();

 private:
  int fd_;
  std::size_t max_;
  std::string buffer_;
  std::vector<UniqueFd> fds_;
};

}  // namespace printline::client
