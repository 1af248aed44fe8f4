#pragma once
// A man in the middle on loopback for the TLS tests (D13): it relays TCP to the real server
// untouched until intercept() — then it answers every new connection itself, with its own
// certificate, and keeps every byte a client sends it after the handshake (a token, a
// document). A client that verifies its peer ends the handshake, and nothing is kept.

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace printline::testing {

class TlsInterceptor {
 public:
  // Relays to 127.0.0.1:target_port; intercepts with this certificate and key (PEM).
  TlsInterceptor(int target_port, std::filesystem::path cert, std::filesystem::path key);
  ~TlsInterceptor();
  TlsInterceptor(const TlsInterceptor&) = delete;
  TlsInterceptor& operator=(const TlsInterceptor&) = delete;

  int port() const { return port_; }
  void intercept() { intercepting_ = true; }

  int interception_attempts() const { return attempts_; }   // connections it answered itself
  int handshakes_completed() const { return handshakes_; }  // clients that accepted it
  std::string received() const;                             // what they sent it, decrypted

 private:
  void accept_loop();
  void relay(int client);
  void answer(int client);

  int target_port_;
  std::filesystem::path cert_, key_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> intercepting_{false};
  std::atomic<int> attempts_{0};
  std::atomic<int> handshakes_{0};
  mutable std::mutex mutex_;
  std::string received_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace printline::testing
