#pragma once
// A real PostgreSQL for tests (SPEC §4): Debian's initdb and postgres, run as the `postgres`
// user (postgres refuses root) on a temporary directory that user owns, listening on a free
// loopback port with trust authentication. Stopped (fast shutdown) and deleted on destruction;
// postgres also dies with the test process.
//
//   if (auto why = PostgresServer::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
//   PostgresServer postgres;                               // throws std::runtime_error
//   std::string url = postgres.create_database("shared");  // postgresql://postgres@127.0.0.1:P/shared
//
// Not thread-safe except create_database, which may be called from any thread.

#include <sys/types.h>

#include <filesystem>
#include <mutex>
#include <string>

#include "support/temp_dir.h"

namespace printline::testing {

class PostgresServer {
 public:
  // Why a real PostgreSQL cannot run on this machine, or "" when it can: the test must run as
  // root (to become the postgres user), and Debian's postgresql package must be installed.
  static std::string unavailable_reason();

  // Runs initdb and starts postgres; throws std::runtime_error with the reason and the end of
  // the server's log when it does not accept connections within 30 s.
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const { return port_; }
  // The URL of a database on this server (user postgres, no password).
  std::string url(const std::string& database) const;
  // Creates an empty database (name: lower-case letters, digits, '_') and returns its URL.
  // Throws std::runtime_error when createdb fails.
  std::string create_database(const std::string& name);

 private:
  bool start_on(int port);  // false when postgres exited (e.g. the port was taken meanwhile)
  void stop();
  std::string log_tail() const;

  TempDir dir_{"printline-postgres"};
  std::filesystem::path bin_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::mutex create_mutex_;
};

}  // namespace printline::testing
