#pragma once
// Loopback ports for tests of unreachable servers.

namespace printline::testing {

// A port nothing listens on (bound, then closed): connecting is refused.
int closed_loopback_port();

// A socket that listens but never accepts: connections complete in the backlog and then no
// answer ever comes (a hung server). Closed when destroyed.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace printline::testing
