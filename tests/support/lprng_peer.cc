#include "support/lprng_peer.h"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/file_lock.h"
#include "support/loopback_port.h"

namespace printline::testing {
namespace {

constexpr const char* kPrintcap = "/etc/printcap";
constexpr const char* kPrintcapLock = "/tmp/printline-printcap.lock";
constexpr const char* kQueuePrefix = "plt_";  // plt_<pid>_<n>: ours, and whose

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Rewrites /etc/printcap keeping foreign lines and live test queues; drops `remove`, adds `add`.
void update_printcap(const std::string& remove, const std::string& add) {
  std::vector<std::string> lines;
  std::istringstream current(read_file(kPrintcap));
  for (std::string line; std::getline(current, line);) {
    if (line.starts_with(kQueuePrefix)) {
      const std::string name = line.substr(0, line.find(':'));
      const pid_t owner = std::atoi(name.c_str() + std::strlen(kQueuePrefix));
      if (name == remove || !process_alive(owner)) continue;
    }
    lines.push_back(line);
  }
  if (!add.empty()) lines.push_back(add);
  const std::string temporary = std::string(kPrintcap) + ".printline-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& line : lines) out << line << '\n';
  }
  std::filesystem::rename(temporary, kPrintcap);
}

void give_to_daemon(const std::filesystem::path& path) {
  if (const passwd* daemon = ::getpwnam("daemon")) {
    if (::chown(path.c_str(), daemon->pw_uid, daemon->pw_gid) != 0) {
      throw std::runtime_error("cannot give " + path.string() + " to user daemon");
    }
  }
}

}  // namespace

LprngPeer::LprngPeer() {
  static std::atomic<int> counter{0};
  queue_ = kQueuePrefix + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  // lpd drops to user daemon: it must reach the spool directory and the output file.
  std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all |
                                                std::filesystem::perms::group_exec |
                                                std::filesystem::perms::others_exec);
  std::filesystem::create_directories(spool_dir());
  give_to_daemon(spool_dir());
  std::ofstream(output_file()).close();
  give_to_daemon(output_file());

  FileLock lock(kPrintcapLock);  // held until lpd has read the printcap
  update_printcap(
      "", queue_ + ":lp=" + output_file().string() + ":sd=" + spool_dir().string() + ":mx=0:sh");
  for (int attempt = 0; attempt < 3 && !process_; ++attempt) {
    port_ = pick_free_port();
    auto process = std::make_unique<ChildProcess>(
        std::vector<std::string>{"lpd", "-F", "-p", std::to_string(port_), "-P", "off"},
        dir_.path() / "lpd.log");
    if (wait_until_listening(port_, std::chrono::seconds(10), [&] { return process->running(); })) {
      process_ = std::move(process);
    }
  }
  if (!process_) {
    update_printcap(queue_, "");
    throw std::runtime_error("LPRng lpd did not start; see " + (dir_.path() / "lpd.log").string());
  }
  uri_ = "lpd://127.0.0.1:" + std::to_string(port_) + "/" + queue_;
}

LprngPeer::~LprngPeer() {
  if (process_) process_->stop();
  try {
    FileLock lock(kPrintcapLock);
    update_printcap(queue_, "");
  } catch (const std::exception&) {
    // A later peer prunes the line of a process that is gone.
  }
}

std::string LprngPeer::wait_for_output(std::uint64_t size,
                                       std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code error;
    if (std::filesystem::file_size(output_file(), error) >= size && !error) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return read_file(output_file());
}

std::string LprngPeer::job_records() const {
  std::string records;
  for (const auto& entry : std::filesystem::directory_iterator(spool_dir())) {
    if (entry.path().filename().string().starts_with("hf")) records += read_file(entry.path());
  }
  return records;
}

}  // namespace printline::testing
