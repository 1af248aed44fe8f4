#pragma once
// A real HAProxy (Debian's haproxy) in front of printline-server nodes for tests: started in
// the foreground on a free loopback port with a generated configuration in the same spirit as
// packaging/haproxy/printline.cfg (HTTP mode, health checks on /health, here every 200 ms),
// and driven through its runtime API (the stats socket), the way an administrator drains a
// node. Every answer carries the header X-Printline-Node: the node that served it.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace printline::testing {

struct BalancedNode {
  std::string name;  // the server's name in the backend
  int port = 0;      // on 127.0.0.1
};

class Balancer {
 public:
  static constexpr const char* kBackend = "printline_nodes";
  static constexpr const char* kNodeHeader = "X-Printline-Node";

  // `haproxy`: the program. Throws std::runtime_error with its output when it does not start.
  Balancer(const std::string& haproxy, const std::vector<BalancedNode>& nodes,
           const std::filesystem::path& dir);

  int port() const { return port_; }
  std::string log() const;
  // One runtime API command (e.g. "set server printline_nodes/a state drain"); its answer.
  std::string command(const std::string& line) const;
  // The node's status column in `show stat`: "UP", "DOWN", "DRAIN", "MAINT", "UP 1/2", ...
  std::string status_of(const std::string& node) const;
  // Waits for the status; false when it did not come within timeout.
  bool wait_for_status(const std::string& node, const std::string& status,
                       std::chrono::milliseconds timeout) const;

 private:
  std::filesystem::path dir_;
  std::filesystem::path socket_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace printline::testing
