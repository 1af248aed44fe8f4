#pragma once
// A private network namespace for tests that need a server which does not answer at all
// (D1: packets dropped, so the client waits for its connect timeout): the test process moves
// into its own namespace with only a loopback interface, and nftables rules there drop the
// packets to a port. Nothing outside the namespace is touched or reached.
//
// enter_private_network_namespace() must run before the process starts any thread (at the top
// of main): a namespace belongs to the thread that unshares it.

#include <string>

namespace printline::testing {

// Empty on success; otherwise why the namespace could not be made (not root, no CLONE_NEWNET).
std::string enter_private_network_namespace();

// While alive, TCP packets to 127.0.0.0/8:port are dropped without an answer. Requires
// enter_private_network_namespace() first and the `nft` program (Debian `nftables`).
class DroppedPort {
 public:
  explicit DroppedPort(int port);
  ~DroppedPort();
  DroppedPort(const DroppedPort&) = delete;
  DroppedPort& operator=(const DroppedPort&) = delete;

  bool active() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  std::string table_;
  std::string error_;
};

}  // namespace printline::testing
