#include "server/balancer_process.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/file_text.h"
#include "support/loopback_port.h"

namespace printline::testing {

using namespace std::chrono_literals;

namespace {

// What packaging/haproxy/printline.cfg says, on loopback without TLS, with checks fast enough
// for a test (a killed node is out within about 0.5 s, a restarted one in within 0.5 s).
std::string config_for(const std::vector<BalancedNode>& nodes, int port,
                       const std::filesystem::path& stats_socket) {
  std::ostringstream config;
  config << "global\n"
         << "  stats socket " << stats_socket.string() << " mode 600 level admin\n"
         << "defaults\n"
         << "  mode http\n"
         << "  timeout connect 2s\n"
         << "  timeout client 120s\n"
         << "  timeout server 120s\n"
         << "  timeout http-request 30s\n"
         << "  retries 3\n"
         << "  option redispatch 1\n"
         << "frontend printline\n"
         << "  bind 127.0.0.1:" << port << "\n"
         << "  default_backend " << Balancer::kBackend << "\n"
         << "backend " << Balancer::kBackend << "\n"
         << "  balance roundrobin\n"
         << "  option httpchk GET /health\n"
         << "  http-check expect status 200\n"
         << "  http-response set-header " << Balancer::kNodeHeader << " %s\n"
         << "  default-server check inter 200ms fall 2 rise 2\n";
  for (const auto& node : nodes) {
    config << "  server " << node.name << " 127.0.0.1:" << node.port << "\n";
  }
  return config.str();
}

}  // namespace

Balancer::Balancer(const std::string& haproxy, const std::vector<BalancedNode>& nodes,
                   const std::filesystem::path& dir)
    : dir_(dir), socket_(dir / "haproxy.sock") {
  // A port free a moment ago may be taken when haproxy binds it: try another.
  for (int attempt = 0; attempt < 3 && !process_; ++attempt) {
    port_ = pick_free_port();
    const auto config = dir_ / "haproxy.cfg";
    std::ofstream(config) << config_for(nodes, port_, socket_);
    // -db: in the foreground, its messages on standard error.
    auto process = std::make_unique<ChildProcess>(
        std::vector<std::string>{haproxy, "-db", "-f", config.string()}, dir_ / "haproxy.log");
    if (wait_until_listening(port_, 10s, [&] { return process->running(); }))
      process_ = std::move(process);
  }
  if (!process_) throw std::runtime_error("haproxy did not start:\n" + log());
}

std::string Balancer::log() const { return read_file(dir_ / "haproxy.log"); }

std::string Balancer::command(const std::string& line) const {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("cannot make a unix socket");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  socket_.string().copy(address.sun_path, sizeof address.sun_path - 1);
  std::string answer;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    // Without "prompt" haproxy answers one command and closes the connection.
    const std::string request = line + "\n";
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      ssize_t got = 0;
      while ((got = ::read(fd, buffer, sizeof buffer)) > 0) answer.append(buffer, got);
    }
  }
  ::close(fd);
  return answer;
}

std::string Balancer::status_of(const std::string& node) const {
  // CSV; the first line names the columns: "# pxname,svname,...,status,...".
  std::istringstream stat(command("show stat"));
  std::string line;
  int status_column = -1;
  while (std::getline(stat, line)) {
    std::vector<std::string> fields;
    std::istringstream cells(line.rfind("# ", 0) == 0 ? line.substr(2) : line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    if (status_column < 0) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "status") status_column = static_cast<int>(i);
      }
      continue;
    }
    if (fields.size() > static_cast<std::size_t>(status_column) && fields[0] == kBackend &&
        fields[1] == node) {
      return fields[status_column];
    }
  }
  return "";
}

bool Balancer::wait_for_status(const std::string& node, const std::string& status,
                               std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (status_of(node) != status) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace printline::testing
