#include "support/printer_simulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace printline::testing {
namespace {

constexpr std::size_t kMaxKept = 8 * 1024 * 1024;  // received() keeps at most this much

bool read_exact(int fd, std::string& out, std::size_t size) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t got = ::recv(fd, out.data() + done, size - done, 0);
    if (got <= 0) return false;
    done += static_cast<std::size_t>(got);
  }
  return true;
}

bool read_line(int fd, std::string& line) {
  line.clear();
  char c = 0;
  while (::recv(fd, &c, 1, 0) == 1) {
    if (c == '\n') return true;
    line.push_back(c);
    if (line.size() > 4096) return false;
  }
  return false;
}

void send_text(int fd, std::string_view text) {
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

}  // namespace

PrinterSimulator::PrinterSimulator(SimulatorConfig config) : config_(std::move(config)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (config_.fault == SimulatedFault::kHangMidJob ||
      config_.fault == SimulatedFault::kSlowReader) {
    int small = 4096;  // inherited by accepted sockets: little hidden buffering in the kernel
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("simulator: cannot bind a loopback port");
  }
  port_ = ntohs(address.sin_port);
  if (config_.fault == SimulatedFault::kRefuse) {
    ::close(listen_fd_);  // the port was just ours: now nobody listens on it
    listen_fd_ = -1;
    return;
  }
  if (::listen(listen_fd_, 16) != 0 || ::pipe2(stop_pipe_, O_CLOEXEC) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("simulator: cannot listen");
  }
  thread_ = std::thread([this] { serve(); });
}

PrinterSimulator::~PrinterSimulator() {
  stopping_ = true;
  if (thread_.joinable()) {
    [[maybe_unused]] ssize_t ignored = ::write(stop_pipe_[1], "x", 1);
    if (int fd = active_fd_.load(); fd >= 0) ::shutdown(fd, SHUT_RDWR);
    thread_.join();
  }
  for (int fd : {listen_fd_, stop_pipe_[0], stop_pipe_[1]}) {
    if (fd >= 0) ::close(fd);
  }
}

std::string PrinterSimulator::uri(std::string_view scheme) const {
  const std::string authority = "://127.0.0.1:" + std::to_string(port_);
  if (scheme == "lpd") return "lpd" + authority + "/sim";
  if (scheme == "ipp") return "ipp" + authority + "/ipp/print";
  return std::string(scheme) + authority;
}

std::string PrinterSimulator::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::string PrinterSimulator::control_file() const {
  std::lock_guard lock(mutex_);
  return control_file_;
}

void PrinterSimulator::keep(std::string_view bytes) {
  bytes_received_ += bytes.size();
  std::lock_guard lock(mutex_);
  if (received_.size() < kMaxKept) received_.append(bytes.substr(0, kMaxKept - received_.size()));
}

void PrinterSimulator::serve() {
  while (!stopping_) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) <= 0) continue;
    if (fds[1].revents != 0) return;
    if (config_.fault == SimulatedFault::kIppStatus ||
        config_.fault == SimulatedFault::kIppOversizedAnswer) {
      serve_ipp();
      continue;
    }
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    active_fd_ = fd;
    if (config_.fault == SimulatedFault::kLpd) {
      serve_lpd(fd);
    } else {
      serve_raw(fd);
    }
    active_fd_ = -1;
    ::close(fd);
  }
}

void PrinterSimulator::serve_raw(int fd) {
  char buffer[4096];
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t total = 0;
  while (true) {
    const bool faulty = config_.fault == SimulatedFault::kResetMidJob ||
                        config_.fault == SimulatedFault::kHangMidJob;
    if (faulty && total >= config_.fault_after_bytes) break;
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) return;
    total += static_cast<std::uint64_t>(got);
    keep(std::string_view(buffer, static_cast<std::size_t>(got)));
    if (config_.fault == SimulatedFault::kSlowReader) {
      // Sleep until `total` bytes are due at the configured rate.
      std::this_thread::sleep_until(
          start + std::chrono::microseconds(total * 1'000'000 / config_.slow_bytes_per_second));
    }
  }
  if (config_.fault == SimulatedFault::kResetMidJob) {
    linger reset{1, 0};  // close() now sends RST instead of FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    return;
  }
  pollfd stop{stop_pipe_[0], POLLIN, 0};  // kHangMidJob: hold the connection, read nothing
  ::poll(&stop, 1, -1);
}

void PrinterSimulator::serve_lpd(int fd) {
  auto refuse = [&] { send_text(fd, "\x01" + config_.message + "\n"); };
  std::string line;
  if (!read_line(fd, line) || line.empty() || line[0] != '\x02') return;
  if (config_.lpd_refuse_at == LpdStage::kReceiveJob) return refuse();
  send_text(fd, std::string(1, '\0'));
  while (read_line(fd, line) && !line.empty()) {
    const std::size_t size = std::strtoull(line.c_str() + 1, nullptr, 10);
    const bool control = line[0] == '\x02';
    if ((control && config_.lpd_refuse_at == LpdStage::kControlFile) ||
        (!control && config_.lpd_refuse_at == LpdStage::kDataFile)) {
      return refuse();
    }
    send_text(fd, std::string(1, '\0'));
    std::string contents;
    std::string terminator;
    if (!read_exact(fd, contents, size) || !read_exact(fd, terminator, 1)) return;
    if (control) {
      std::lock_guard lock(mutex_);
      control_file_ = contents;
    } else {
      keep(contents);
    }
    send_text(fd, std::string(1, '\0'));
  }
}

}  // namespace printline::testing
