// A real PostgreSQL for the storage suite (SPEC §4): initdb and postgres from Debian's
// postgresql package, run as the postgres user in a temporary directory on a loopback port,
// started once per test program; every Backend gets a fresh database in it.

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "store_test_support.h"

namespace printline::store::testing {
namespace {

constexpr const char* kBin = "/usr/lib/postgresql/15/bin";

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class PostgresServer {
 public:
  // The one server of this test program, started on first use.
  static PostgresServer& instance() {
    static PostgresServer server;
    return server;
  }

  const std::string& failure() const { return failure_; }

  // A new empty database; its connection string.
  std::string create_database() {
    std::lock_guard lock(mutex_);
    const std::string name = "store_test_" + std::to_string(++databases_);
    PGconn* conn = PQconnectdb(conninfo("postgres").c_str());
    PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) ADD_FAILURE() << "CREATE DATABASE failed: " << PQerrorMessage(conn);
    PQclear(r);
    PQfinish(conn);
    return conninfo(name);
  }

  ~PostgresServer() {
    if (pid_ > 0) {
      kill(pid_, SIGINT);  // fast shutdown
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

 private:
  PostgresServer() {
    if (geteuid() != 0) {
      failure_ = "the PostgreSQL suite must run as root (it starts postgres as user postgres)";
      return;
    }
    const passwd* pw = getpwnam("postgres");
    if (!pw || !std::filesystem::exists(std::string(kBin) + "/postgres")) {
      failure_ = "Debian's postgresql package is not installed (no postgres user or binaries)";
      return;
    }
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all);
    if (chown(dir_.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      failure_ = "cannot hand the temporary directory to the postgres user";
      return;
    }
    data_ = (dir_.path() / "data").string();
    const std::string log = (dir_.path() / "initdb.log").string();
    const std::string initdb = "runuser -u postgres -- " + std::string(kBin) + "/initdb -D " +
                               data_ + " -A trust -U postgres -E UTF8 --no-sync > " + log + " 2>&1";
    if (std::system(initdb.c_str()) != 0) {
      failure_ = "initdb failed, see " + log;
      return;
    }
    port_ = free_loopback_port();
    pid_ = fork();
    if (pid_ == 0) {
      // Like runuser, but we keep the postmaster's pid to stop it.
      const int out = open((dir_.path() / "postgres.log").c_str(), O_WRONLY | O_CREAT, 0644);
      dup2(out, 1);
      dup2(out, 2);
      if (setgroups(0, nullptr) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
        _exit(126);
      }
      const std::string exe = std::string(kBin) + "/postgres";
      const std::string port = std::to_string(port_);
      const std::string socket_dir = dir_.path().string();
      execl(exe.c_str(), "postgres", "-D", data_.c_str(), "-h", "127.0.0.1", "-p", port.c_str(),
            "-k", socket_dir.c_str(), "-F", "-c", "max_connections=50", nullptr);
      _exit(127);
    }
    for (int i = 0; i < 300; ++i) {
      PGconn* conn = PQconnectdb(conninfo("postgres").c_str());
      const bool up = PQstatus(conn) == CONNECTION_OK;
      PQfinish(conn);
      if (up) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    failure_ = "postgres did not accept connections within 30 s, see " +
               (dir_.path() / "postgres.log").string();
  }

  std::string conninfo(const std::string& database) const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + database +
           " connect_timeout=5";
  }

  TempDir dir_;
  std::string data_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::string failure_;
  std::mutex mutex_;
  int databases_ = 0;
};

class PostgresBackend : public Backend {
 public:
  std::string unavailable_reason() override { return PostgresServer::instance().failure(); }

  std::unique_ptr<Store> open(StoreOptions options) override {
    if (conninfo_.empty()) conninfo_ = PostgresServer::instance().create_database();
    auto store = open_postgres_store(conninfo_, std::move(options));
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(store).value() : nullptr;
  }

 private:
  std::string conninfo_;
};

}  // namespace

std::unique_ptr<Backend> make_postgres_backend() { return std::make_unique<PostgresBackend>(); }

INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(&make_postgres_backend));

}  // namespace printline::store::testing
