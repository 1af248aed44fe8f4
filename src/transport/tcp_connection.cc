#include "transport/tcp_connection.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/i18n.h"

namespace printline::transport {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

IoError from_errno(int error) {
  IoCode code = IoCode::kOther;
  switch (error) {
    case ECONNREFUSED:
      code = IoCode::kRefused;
      break;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EHOSTDOWN:
    case EADDRNOTAVAIL:
      code = IoCode::kNoRoute;
      break;
    case ETIMEDOUT:
      code = IoCode::kConnectTimeout;
      break;
    case ECONNRESET:
    case EPIPE:
    case ECONNABORTED:
      code = IoCode::kReset;
      break;
    default:
      break;
  }
  return IoError{code, std::strerror(error)};
}

milliseconds remaining_until(Clock::time_point deadline) {
  return std::max(milliseconds(0),
                  std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
}

}  // namespace

TcpConnection::~TcpConnection() = default;

std::optional<IoError> TcpConnection::wait_for(short events, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (limits_.cancel != nullptr && limits_.cancel->cancelled()) {
      return IoError{IoCode::kCancelled, tr("cancelled")};
    }
    const milliseconds left = remaining_until(deadline);
    if (left.count() == 0) return IoError{IoCode::kStalled, tr("no progress")};
    pollfd pfd{fd_.get(), events, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(std::min(left, kCancelPollInterval).count()));
    if (ready > 0) return std::nullopt;  // ready, or an error the next call will report
    if (ready < 0 && errno != EINTR) return from_errno(errno);
  }
}

std::optional<IoError> TcpConnection::connect(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
  addrinfo* addresses = nullptr;
  const std::string service = std::to_string(port);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &addresses); rc != 0) {
    // Loopback-only hosts (::1 without IPv6 configured elsewhere) fail with AI_ADDRCONFIG.
    hints.ai_flags = AI_NUMERICSERV;
    rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &addresses);
    if (rc != 0) {
      return IoError{IoCode::kNoRoute,
                     trf("unknown host: {reason}", fmt::arg("reason", gai_strerror(rc)))};
    }
  }
  const auto deadline = Clock::now() + limits_.connect_timeout;
  IoError last{IoCode::kNoRoute, "no address"};
  for (addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
    fd_.reset(::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                       address->ai_protocol));
    if (!fd_) {
      last = from_errno(errno);
      continue;
    }
    const int fd = fd_.get();
    if (::connect(fd, address->ai_addr, address->ai_addrlen) == 0) break;
    if (errno != EINPROGRESS) {
      last = from_errno(errno);
    } else if (auto waited = wait_for(POLLOUT, remaining_until(deadline))) {
      last = waited->code == IoCode::kStalled
                 ? IoError{IoCode::kConnectTimeout, tr("no answer within the connect timeout")}
                 : *waited;
    } else {
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error == 0) break;
      last = from_errno(error);
    }
    fd_.reset();
    if (last.code == IoCode::kCancelled || remaining_until(deadline).count() == 0) break;
  }
  ::freeaddrinfo(addresses);
  if (!fd_) return last;
  return std::nullopt;
}

std::optional<IoError> TcpConnection::write_all(std::span<const char> data) {
  while (!data.empty()) {
    if (limits_.cancel != nullptr && limits_.cancel->cancelled()) {
      return IoError{IoCode::kCancelled, tr("cancelled")};
    }
    ssize_t sent = ::send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes_written_ += static_cast<std::uint64_t>(sent);
      data = data.subspan(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (auto waited = wait_for(POLLOUT, limits_.io_timeout)) return waited;
      continue;
    }
    return from_errno(sent < 0 ? errno : EPIPE);
  }
  return std::nullopt;
}

std::optional<IoError> TcpConnection::read_some(std::span<char> buffer, std::size_t& got,
                                                milliseconds timeout) {
  got = 0;
  while (true) {
    ssize_t received = ::recv(fd_.get(), buffer.data(), buffer.size(), 0);
    if (received >= 0) {
      got = static_cast<std::size_t>(received);
      return std::nullopt;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return from_errno(errno);
    if (auto waited = wait_for(POLLIN, timeout)) return waited;
  }
}

void TcpConnection::shutdown_write() {
  if (fd_) ::shutdown(fd_.get(), SHUT_WR);
}

std::optional<IoError> TcpConnection::drain_until_closed(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  char buffer[4096];
  while (true) {
    std::size_t got = 0;
    auto error = read_some(buffer, got, remaining_until(deadline));
    if (error) {
      if (error->code == IoCode::kStalled) return std::nullopt;
      return error;
    }
    if (got == 0) return std::nullopt;
  }
}

}  // namespace printline::transport
