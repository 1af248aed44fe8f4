// Lifecycle and connections of the control socket; what each request means is in
// control_dispatch.cc.

#include "client/control_socket_server.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>

#include "client/control_dispatch.h"
#include "client/control_protocol.h"
#include "core/logging.h"

namespace printline::client {

namespace {

// A subscriber that stops reading is dropped rather than letting events pile up in memory.
constexpr std::size_t kMaxQueuedEvents = 1000;

std::shared_ptr<spdlog::logger> log() {
  static auto logger = object_logger("control", "socket");
  return logger;
}

Result<sockaddr_un> socket_address(const std::filesystem::path& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.size() >= sizeof(address.sun_path)) {
    return Error{fmt::format("The control socket path {} is longer than {} bytes; choose a "
                             "shorter one.",
                             text, sizeof(address.sun_path) - 1)};
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  return address;
}

// True when a daemon answers on the path (so we must not take it over).
bool someone_listens(const sockaddr_un& address) {
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!probe) return false;
  return ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) ==
         0;
}

// Events from the daemon's threads, written by the connection's own thread so that a slow
// reader never blocks the daemon.
struct EventQueue {
  std::mutex mutex;
  std::deque<std::string> lines;
  bool overflowed = false;
  UniqueFd ready{::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};
};

// Counts a desktop-app subscriber for as long as its stream lasts.
class DesktopAppCount {
 public:
  explicit DesktopAppCount(std::atomic<int>* count) : count_(count) {
    if (count_ != nullptr) ++*count_;
  }
  ~DesktopAppCount() {
    if (count_ != nullptr) --*count_;
  }
  DesktopAppCount(const DesktopAppCount&) = delete;
  DesktopAppCount& operator=(const DesktopAppCount&) = delete;

 private:
  std::atomic<int>* count_;
};

}  // namespace

struct ControlSocketServer::Connection {
  UniqueFd fd;
  std::thread thread;
  std::atomic<bool> finished{false};
};

ControlSocketServer::ControlSocketServer(ClientService& service, std::filesystem::path path)
    : service_(service), path_(std::move(path)), daemon_uid_(::geteuid()) {}

ControlSocketServer::~ControlSocketServer() { stop(); }

Result<bool> ControlSocketServer::start() {
  auto address = socket_address(path_);
  if (!address.ok()) return address.error();
  const auto dir = path_.parent_path();
  std::error_code error;
  // Only a directory made here is set to 0700: --control-socket /tmp/x.sock must not change
  // /tmp. The socket's own 0600 protects it either way.
  const bool created = std::filesystem::create_directories(dir, error);
  if (error || (created && ::chmod(dir.c_str(), 0700) != 0)) {
    return Error{fmt::format("Cannot create the control socket's directory {} (mode 0700): {}; "
                             "check that it belongs to you.",
                             dir.string(), error ? error.message() : std::strerror(errno))};
  }
  if (someone_listens(*address)) {
    return Error{fmt::format("Another Printline client already answers on {}; stop it first "
                             "(`systemctl --user stop printline-client`).",
                             path_.string())};
  }
  ::unlink(path_.c_str());  // a stale socket from a client that was killed
  listener_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!listener_ ||
      ::bind(listener_.get(), reinterpret_cast<const sockaddr*>(&*address), sizeof(*address)) !=
          0 ||
      ::chmod(path_.c_str(), 0600) != 0 || ::listen(listener_.get(), 64) != 0) {
    const std::string reason = std::strerror(errno);
    listener_.reset();
    return Error{fmt::format("Cannot open the control socket {}: {}; check the directory's "
                             "owner and free space.",
                             path_.string(), reason)};
  }
  wake_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  stopping_ = false;
  acceptor_ = std::thread([this] { accept_loop(); });
  log()->info("listening on {}", path_.string());
  return true;
}

void ControlSocketServer::stop() {
  if (!acceptor_.joinable()) return;
  stopping_ = true;
  ::eventfd_write(wake_.get(), 1);
  acceptor_.join();
  std::list<std::unique_ptr<Connection>> connections;
  {
    std::lock_guard lock(mutex_);
    for (auto& connection : connections_) ::shutdown(connection->fd.get(), SHUT_RDWR);
    connections.swap(connections_);
  }
  for (auto& connection : connections) connection->thread.join();
  listener_.reset();
  ::unlink(path_.c_str());
}

void ControlSocketServer::reap_finished() {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard lock(mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->finished) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& connection : finished) connection->thread.join();
}

void ControlSocketServer::accept_loop() {
  while (!stopping_) {
    pollfd waiting[2] = {{listener_.get(), POLLIN, 0}, {wake_.get(), POLLIN, 0}};
    if (::poll(waiting, 2, -1) < 0 && errno != EINTR) break;
    if (stopping_) break;
    if (!(waiting[0].revents & POLLIN)) continue;
    UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd) continue;
    reap_finished();
    auto connection = std::make_unique<Connection>();
    connection->fd = std::move(fd);
    Connection& ref = *connection;
    std::lock_guard lock(mutex_);
    connections_.push_back(std::move(connection));
    ref.thread = std::thread([this, &ref] {
      serve(ref);
      ref.finished = true;
    });
  }
}

void ControlSocketServer::serve(Connection& connection) {
  const int fd = connection.fd.get();
  auto peer = peer_credentials(fd);
  if (!peer.ok() || !peer_allowed(peer->uid, daemon_uid_)) {
    const std::string who = peer.ok() ? fmt::format("uid {}", peer->uid) : "an unknown user";
    log()->warn("refused a connection from {}", who);
    send_line(fd, error_line(fmt::format(
                      "This Printline client belongs to uid {}; {} may not use it. Talk to "
                      "your own client's socket (printline --control-socket PATH).",
                      daemon_uid_, who)));
    return;
  }
  LineReader reader(fd, kMaxRequestLine);
  std::string line;
  for (;;) {
    const auto status = reader.next(&line);
    if (status == LineReader::Status::kTooLong) {
      send_line(fd, error_line(fmt::format("The request line is longer than {} bytes; a "
                                           "document is passed as a file descriptor.",
                                           kMaxRequestLine)));
      return;
    }
    if (status != LineReader::Status::kLine) return;
    auto fds = reader.take_fds();
    auto request = parse_request_line(line);
    if (!request.ok()) {
      if (!send_line(fd, error_line(request.error().message))) return;
      continue;
    }
    if (request->command != ControlCommand::kSubscribe) {
      UniqueFd document = fds.empty() ? UniqueFd() : std::move(fds.front());
      if (!send_line(fd, answer_request(service_, *request, std::move(document)))) return;
      continue;
    }
    // From here on the connection is a stream of events until either side closes.
    // Counted before subscribing, so no notification slips between the two.
    DesktopAppCount counted(request->desktop_app ? &desktop_apps_ : nullptr);
    auto queue = std::make_shared<EventQueue>();
    auto subscription = service_.subscribe([queue](const ClientEvent& event) {
      std::lock_guard lock(queue->mutex);
      if (queue->lines.size() >= kMaxQueuedEvents) {
        queue->overflowed = true;
      } else {
        queue->lines.push_back(event_line(event));
      }
      ::eventfd_write(queue->ready.get(), 1);
    });
    if (!send_line(fd, ok_line())) return;
    for (;;) {
      pollfd waiting[2] = {{fd, POLLIN, 0}, {queue->ready.get(), POLLIN, 0}};
      if (::poll(waiting, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (waiting[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        // A subscriber sends nothing more; any input or hang-up ends the stream.
        char ignored[256];
        const ssize_t n = ::recv(fd, ignored, sizeof(ignored), MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return;
      }
      if (waiting[1].revents & POLLIN) {
        eventfd_t count = 0;
        ::eventfd_read(queue->ready.get(), &count);
        std::deque<std::string> lines;
        bool overflowed = false;
        {
          std::lock_guard lock(queue->mutex);
          lines.swap(queue->lines);
          overflowed = queue->overflowed;
        }
        for (const auto& event : lines) {
          if (!send_line(fd, event)) return;
        }
        if (overflowed) {
          send_line(fd, error_line("Events came faster than this subscriber read them; "
                                   "subscribe again and read the stream without pausing."));
          return;
        }
      }
    }
  }
}

}  // namespace printline::client
