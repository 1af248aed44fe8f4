#include "support/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/child_process.h"
#include "support/loopback_port.h"

namespace printline::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kInstallHint = "install Debian's postgresql package (scripts/install-deps.sh)";

// The newest /usr/lib/postgresql/<version>/bin that has a postgres binary, or "".
std::filesystem::path server_bin_dir() {
  std::filesystem::path best;
  int best_version = -1;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    const auto bin = entry.path() / "bin";
    if (!std::filesystem::exists(bin / "postgres", error)) continue;
    int version = -1;
    try {
      version = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    if (version > best_version) {
      best_version = version;
      best = bin;
    }
  }
  return best;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a short program to its end; true when it exited 0.
bool run_to_end(std::vector<std::string> argv, const std::filesystem::path& log,
                std::chrono::milliseconds timeout) {
  ChildProcess process(std::move(argv), log);
  if (!process.wait_for_exit(timeout)) return false;
  const int status = process.exit_status();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::string PostgresServer::unavailable_reason() {
  if (::geteuid() != 0) {
    return "a real PostgreSQL needs root here: the test starts postgres as user postgres "
           "(run the test as root)";
  }
  if (::getpwnam("postgres") == nullptr || server_bin_dir().empty()) {
    return std::string("no PostgreSQL server on this machine (no postgres user or no "
                       "/usr/lib/postgresql/*/bin/postgres): ") +
           kInstallHint;
  }
  return "";
}

PostgresServer::PostgresServer() {
  if (auto reason = unavailable_reason(); !reason.empty()) throw std::runtime_error(reason);
  bin_ = server_bin_dir();
  const passwd* pw = ::getpwnam("postgres");
  std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all);
  if (::chown(dir_.path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    throw std::runtime_error("cannot hand " + dir_.path().string() + " to the postgres user");
  }
  const auto initdb_log = dir_ / "initdb.log";
  if (!run_to_end({"runuser", "-u", "postgres", "--", (bin_ / "initdb").string(), "-D",
                   (dir_ / "data").string(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                   "--no-sync"},
                  initdb_log, 120s)) {
    throw std::runtime_error("initdb failed: " + read_file(initdb_log));
  }
  // A port free a moment ago may be taken by the time postgres binds it: try another.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (start_on(pick_free_port())) return;
  }
  throw std::runtime_error("postgres did not start: " + log_tail());
}

PostgresServer::~PostgresServer() { stop(); }

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database +
         "?connect_timeout=5";
}

std::string PostgresServer::create_database(const std::string& name) {
  std::lock_guard lock(create_mutex_);
  const auto log = dir_ / "createdb.log";
  if (!run_to_end({(bin_ / "createdb").string(), "-h", "127.0.0.1", "-p", std::to_string(port_),
                   "-U", "postgres", name},
                  log, 30s)) {
    throw std::runtime_error("createdb " + name + " failed: " + read_file(log));
  }
  return url(name);
}

bool PostgresServer::start_on(int port) {
  const passwd* pw = ::getpwnam("postgres");
  const uid_t uid = pw->pw_uid;
  const gid_t gid = pw->pw_gid;
  // Everything the child needs is made before fork: only async-signal-safe calls after it.
  const std::string exe = (bin_ / "postgres").string();
  const std::string data = (dir_ / "data").string();
  const std::string port_text = std::to_string(port);
  const std::string socket_dir = dir_.path().string();
  const std::string log = (dir_ / "postgres.log").string();
  const pid_t parent = ::getpid();
  // Not runuser: its own process would sit between us and the postmaster, and we need the
  // postmaster's pid to ask it for a fast shutdown (SIGINT).
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot fork to start postgres");
  if (pid == 0) {
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) ::_exit(126);
    // After setuid, which clears it: postgres dies with the test process.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execl(exe.c_str(), "postgres", "-D", data.c_str(), "-h", "127.0.0.1", "-p",
            port_text.c_str(), "-k", socket_dir.c_str(), "-F", "-c", "max_connections=100",
            nullptr);
    ::_exit(127);
  }
  pid_ = pid;
  port_ = port;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if (run_to_end({(bin_ / "pg_isready").string(), "-q", "-h", "127.0.0.1", "-p", port_text},
                   {}, 10s)) {
      return true;
    }
    std::this_thread::sleep_for(100ms);
  }
  stop();
  throw std::runtime_error("postgres did not accept connections within 30 s: " + log_tail());
}

void PostgresServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGINT);  // fast shutdown: disconnects clients, no waiting for them
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  pid_ = -1;
}

std::string PostgresServer::log_tail() const {
  const std::string log = read_file(dir_ / "postgres.log");
  constexpr std::size_t kTail = 2000;
  return log.size() > kTail ? "…" + log.substr(log.size() - kTail) : log;
}

}  // namespace printline::testing
