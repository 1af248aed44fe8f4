#include "core/tls_certificate_probe.h"

#include <fmt/format.h>
#include <netdb.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>

namespace printline {

namespace {

int connect_with_timeout(const std::string& host, int port, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0) return -1;
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int error = 0;
      socklen_t length = sizeof(error);
      if (::poll(&p, 1, static_cast<int>(timeout.count())) == 1 &&
          ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0) {
        timeval tv{static_cast<time_t>(timeout.count() / 1000),
                   static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        return fd;
      }
    }
    ::close(fd);
  }
  return -1;
}

}  // namespace

Result<std::vector<std::string>> fetch_peer_certificates(const std::string& host, int port,
                                                         std::chrono::milliseconds timeout) {
  const std::string where = fmt::format("{}:{}", host, port);
  const int fd = connect_with_timeout(host, port, timeout);
  if (fd < 0) {
    return Error{fmt::format("Cannot connect to {}: check the address and that the server runs.",
                             where)};
  }
  std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)> context(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  std::unique_ptr<SSL, void (*)(SSL*)> ssl(SSL_new(context.get()), SSL_free);
  // Blocking from here on, bounded by the socket time-outs.
  const int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  SSL_set_fd(ssl.get(), fd);
  SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  std::vector<std::string> chain;
  if (SSL_connect(ssl.get()) == 1) {
    // On the client side the peer's chain starts with the peer's own certificate.
    if (STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl.get())) {
      for (int i = 0; i < sk_X509_num(sent); ++i) {
        unsigned char* out = nullptr;
        const int length = i2d_X509(sk_X509_value(sent, i), &out);
        if (length > 0) chain.emplace_back(reinterpret_cast<char*>(out), length);
        OPENSSL_free(out);
      }
    }
    SSL_shutdown(ssl.get());
  }
  ::close(fd);
  if (chain.empty()) {
    return Error{fmt::format("{} did not complete a TLS handshake: is it an https:// server?",
                             where)};
  }
  return chain;
}

}  // namespace printline
