#pragma once
// The desktop client's local IPP printer (issue 4): an IPP printer on loopback at
// ipp://127.0.0.1:PORT/ipp/print (and /), so any application or the OS spooler can print to
// the client. HTTP through cpp-httplib; IPP through libcups (src/ipp); each operation is a
// ClientService call (local_ipp_operations.h).
//
// Loopback only: a non-loopback host is refused by start(). A loopback TCP port carries no
// peer credentials, so every local account can print to it and see its jobs (as with CUPS's
// own localhost queues); on shared machines the CUPS backend (printline:/) and the control
// socket, which check the peer's uid, are the way in. Threading: start() and stop() from
// one thread; requests are served on httplib's worker threads.

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "client/client_service.h"
#include "core/error.h"

namespace httplib {
class Server;
}

namespace printline::client {

class IppJobIds;
class LocalIppOperations;

class LocalIppPrinter {
 public:
  // spool_dir: where large request bodies spill to (unlinked files); created if missing.
  // The job-id table (local-ipp-job-ids) is kept beside it, in its parent (the state
  // directory), because the outbox removes files it does not know from its spool.
  LocalIppPrinter(ClientService& service, std::string host, int port,
                  std::filesystem::path spool_dir);
  ~LocalIppPrinter();
  LocalIppPrinter(const LocalIppPrinter&) = delete;
  LocalIppPrinter& operator=(const LocalIppPrinter&) = delete;

  // Binds (port 0 picks a free port) and starts serving. The error says why it cannot.
  Result<bool> start();
  int port() const { return port_; }
  // ipp://host:port/ipp/print
  std::string uri() const;
  void stop();

 private:
  void register_routes();

  ClientService& service_;
  std::string host_;
  int port_;
  std::filesystem::path spool_dir_;
  std::unique_ptr<IppJobIds> ids_;
  std::unique_ptr<LocalIppOperations> operations_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

}  // namespace printline::client
