#include "client/unix_socket.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "core/fd_io.h"

namespace printline::client {

Result<PeerCredentials> peer_credentials(int socket_fd) {
  ucred credentials{};
  socklen_t length = sizeof(credentials);
  if (::getsockopt(socket_fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) {
    return Error{std::string("Cannot read the peer's credentials: ") + std::strerror(errno)};
  }
  return PeerCredentials{credentials.pid, credentials.uid, credentials.gid};
}

bool peer_allowed(uid_t peer, uid_t daemon) { return peer == daemon || peer == 0; }

bool send_line(int socket_fd, const std::string& line, int fd) {
  std::string data = line + "\n";
  std::size_t sent = 0;
  if (fd >= 0) {
    // The descriptor goes with the whole first chunk; a stream socket keeps it attached to
    // the first byte of that chunk, so it arrives before the reader sees the newline.
    iovec io{data.data(), data.size()};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &fd, sizeof(int));
    ssize_t n;
    do {
      n = ::sendmsg(socket_fd, &message, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return false;
    sent = static_cast<std::size_t>(n);
  }
  while (sent < data.size()) {
    const ssize_t n = ::send(socket_fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

LineReader::Status LineReader::next(std::string* line,
                                    std::optional<std::chrono::milliseconds> timeout) {
  for (;;) {
    if (auto end = buffer_.find('\n'); end != std::string::npos) {
      *line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      return Status::kLine;
    }
    if (buffer_.size() > max_) return Status::kTooLong;
    if (timeout) {
      pollfd waiting{fd_, POLLIN, 0};
      const int ready = ::poll(&waiting, 1, static_cast<int>(timeout->count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready == 0) return Status::kTimedOut;
      if (ready < 0) return Status::kError;
    }
    std::array<char, 16384> chunk{};
    iovec io{chunk.data(), chunk.size()};
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * 8)> control{};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    const ssize_t n = ::recvmsg(fd_, &message, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::kError;
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(&message, header)) {
      if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
      const std::size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int received = -1;
        std::memcpy(&received, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
        fds_.emplace_back(received);
      }
    }
    if (n == 0) return Status::kClosed;
    buffer_.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

std::vector<UniqueFd> LineReader::take_fds() {
  std::vector<UniqueFd> taken = std::move(fds_);
  fds_.clear();
  return taken;
}

}  // namespace printline::client
