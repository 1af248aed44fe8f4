#include "loopback_ports.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace printline::testing {

namespace {

int bound_socket(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot bind a loopback socket");
  }
  port = ntohs(address.sin_port);
  return fd;
}

}  // namespace

int closed_loopback_port() {
  int port = 0;
  ::close(bound_socket(port));
  return port;
}

SilentListener::SilentListener() {
  fd_ = bound_socket(port_);
  if (::listen(fd_, 16) != 0) throw std::runtime_error("cannot listen on loopback");
}

SilentListener::~SilentListener() { ::close(fd_); }

}  // namespace printline::testing
