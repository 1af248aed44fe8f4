#include "support/network_namespace.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace printline::testing {
namespace {

std::string bring_loopback_up() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::string("socket: ") + std::strerror(errno);
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  std::string error;
  if (::ioctl(fd, SIOCGIFFLAGS, &request) != 0) {
    error = std::string("SIOCGIFFLAGS lo: ") + std::strerror(errno);
  } else {
    request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
    if (::ioctl(fd, SIOCSIFFLAGS, &request) != 0) {
      error = std::string("SIOCSIFFLAGS lo: ") + std::strerror(errno);
    }
  }
  ::close(fd);
  return error;
}

// Runs `nft -f -` with the given script; empty on success.
std::string run_nft(const std::string& script) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::string("pipe: ") + std::strerror(errno);
  const pid_t pid = ::fork();
  if (pid < 0) return std::string("fork: ") + std::strerror(errno);
  if (pid == 0) {
    ::dup2(pipe_fds[0], STDIN_FILENO);
    ::execlp("nft", "nft", "-f", "-", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  const ssize_t written = ::write(pipe_fds[1], script.data(), script.size());
  ::close(pipe_fds[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (written != static_cast<ssize_t>(script.size())) return "could not write the nft script";
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return WIFEXITED(status) && WEXITSTATUS(status) == 127
               ? "nft is not installed (Debian package nftables)"
               : "nft refused the rules: " + script;
  }
  return {};
}

}  // namespace

std::string enter_private_network_namespace() {
  if (::unshare(CLONE_NEWNET) != 0) {
    return std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno) +
           " (the test needs root or CAP_SYS_ADMIN)";
  }
  return bring_loopback_up();
}

DroppedPort::DroppedPort(int port) : table_("printline_drop_" + std::to_string(port)) {
  error_ = run_nft("table inet " + table_ +
                   " {\n"
                   "  chain input {\n"
                   "    type filter hook input priority 0;\n"
                   "    ip daddr 127.0.0.0/8 tcp dport " +
                   std::to_string(port) +
                   " drop\n"
                   "  }\n"
                   "}\n");
}

DroppedPort::~DroppedPort() {
  if (active()) run_nft("delete table inet " + table_ + "\n");
}

}  // namespace printline::testing
