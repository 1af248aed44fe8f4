#pragma once
// The daemon's control socket (docs/control-socket.md): a Unix stream socket, 0600 in a 0700
// directory, that the CLI, the CUPS backend and the desktop app use. Each connection gets a
// thread; it checks the peer (same uid as the daemon, or root), then answers request lines by
// calling ClientService. "subscribe" turns the connection into a stream of event lines.
//
// Threading: start() and stop() from one thread; ClientService is called from connection
// threads. stop() closes every connection and waits for their threads.

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "client/client_service.h"
#include "client/unix_socket.h"
#include "core/error.h"

namespace printline::client {

class ControlSocketServer {
 public:
  ControlSocketServer(ClientService& service, std::filesystem::path socket_path);
  ~ControlSocketServer();
  ControlSocketServer(const ControlSocketServer&) = delete;
  ControlSocketServer& operator=(const ControlSocketServer&) = delete;

  // Creates the directory (0700) and the socket (0600) and starts accepting. Refuses when
  // another daemon already answers on the path; a stale socket file is replaced.
  Result<bool> start();
  void stop();

  const std::filesystem::path& path() const { return path_; }

  // True while at least one subscriber that declared itself a desktop app ("as":"desktop-app",
  // the tray) is connected: it shows notifications, so the daemon need not. Any thread.
  bool desktop_app_connected() const { return desktop_apps_ > 0; }

 private:
  struct Connection;

  void accept_loop();
  void serve(Connection& connection);
  void reap_finished();

  ClientService& service_;
  std::filesystem::path path_;
  const uid_t daemon_uid_;
  UniqueFd listener_;
  UniqueFd wake_;  // eventfd: stop() wakes the accept loop
  std::thread acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> desktop_apps_{0};
  std::mutex mutex_;
  std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace printline::client
