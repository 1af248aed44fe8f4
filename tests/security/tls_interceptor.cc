#include "security/tls_interceptor.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

namespace printline::testing {

TlsInterceptor::TlsInterceptor(int target_port, std::filesystem::path cert,
                               std::filesystem::path key)
    : target_port_(target_port), cert_(std::move(cert)), key_(std::move(key)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("the interceptor cannot listen on loopback");
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

TlsInterceptor::~TlsInterceptor() {
  stopping_ = true;
  acceptor_.join();
  for (auto& connection : connections_) connection.join();
  ::close(listener_);
}

std::string TlsInterceptor::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void TlsInterceptor::accept_loop() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) != 1) continue;
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    if (intercepting_) {
      connections_.emplace_back([this, client] { answer(client); });
    } else {
      connections_.emplace_back([this, client] { relay(client); });
    }
  }
}

void TlsInterceptor::relay(int client) {
  const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(target_port_));
  if (::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    std::array<char, 16384> buffer{};
    std::array<pollfd, 2> fds{pollfd{client, POLLIN, 0}, pollfd{server, POLLIN, 0}};
    // Relayed connections end when interception starts: clients must connect again.
    while (!stopping_ && !intercepting_) {
      if (::poll(fds.data(), fds.size(), 100) <= 0) continue;
      bool closed = false;
      for (int i = 0; i < 2 && !closed; ++i) {
        if (fds[i].revents == 0) continue;
        const ssize_t got = ::read(fds[i].fd, buffer.data(), buffer.size());
        closed = got <= 0 || ::write(fds[1 - i].fd, buffer.data(), got) != got;
      }
      if (closed) break;
    }
  }
  ::close(server);
  ::close(client);
}

void TlsInterceptor::answer(int client) {
  ++attempts_;
  timeval tv{5, 0};
  ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate_chain_file(context, cert_.c_str());
  SSL_CTX_use_PrivateKey_file(context, key_.c_str(), SSL_FILETYPE_PEM);
  SSL* ssl = SSL_new(context);
  SSL_set_fd(ssl, client);
  if (SSL_accept(ssl) == 1) {
    ++handshakes_;
    std::array<char, 16384> buffer{};
    for (;;) {
      const int got = SSL_read(ssl, buffer.data(), static_cast<int>(buffer.size()));
      if (got <= 0) break;
      std::lock_guard lock(mutex_);
      received_.append(buffer.data(), static_cast<std::size_t>(got));
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(context);
  ::close(client);
}

}  // namespace printline::testing
