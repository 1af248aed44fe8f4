#pragma once
// The desktop client's local IPP printer (issue 4): an IPP printer on loopback at
// ipp://127.0.0.1:PORT/ipp/print (and /), so any application or the OS spooler can print to
// the client. HTTP through the http front (http/server.h); IPP through libcups (src/ipp); each operation is a
// ClientService call through the IPP core (local_ipp_operations.h).
//
// Loopback only: a non-loopback host is refused by start(). Only the client's owner (and root,
// and CUPS's backend user) may use it (D13): every request is checked first by
// refuse_local_printer_request() (local_printer_access.h) — the uid owning the peer's socket,
// and a Host header naming loopback — before its body is read. Threading: start() and stop()
// from one thread; requests are served on the http front's worker threads.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "client/client_service.h"
#include "client/local_printer_access.h"
#include "core/error.h"

namespace printline::ipp {
class JobIds;
}  // namespace printline::ipp

namespace printline::http {
class Server;
struct Request;
struct Response;
}  // namespace printline::http

namespace printline::client {

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
  // The refusal of a request from another user, decided from its headers (D13).
  std::optional<http::Response> refuse_other_users(const http::Request& request);

  ClientService& service_;
  std::string host_;
  int port_;
  std::filesystem::path spool_dir_;
  std::unique_ptr<ipp::JobIds> ids_;
  std::unique_ptr<LocalIppOperations> operations_;
  std::unique_ptr<http::Server> server_;
  LocalPrinterAccess access_;
  std::thread thread_;
};

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

}  // namespace printline::client
