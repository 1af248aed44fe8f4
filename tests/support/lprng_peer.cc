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

#include "support/loopback_port.h"

namespace printline::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
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
  queue_ = "plt" + std::to_string(counter++);
  // lpd drops to user daemon: it must reach the spool directory and the output file.
  std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all |
                                                std::filesystem::perms::group_exec |
                                                std::filesystem::perms::others_exec);
  std::filesystem::create_directories(spool_dir());
  give_to_daemon(spool_dir());
  write_file(output_file(), "");
  give_to_daemon(output_file());

  // What lpd will see as /etc/lprng inside its mount namespace.
  const std::filesystem::path config = dir_.path() / "etc-lprng";
  std::filesystem::create_directories(config);
  write_file(config / "lpd.conf",
             "printcap_path=/etc/lprng/printcap\n"
             "lpd_printcap_path=/etc/lprng/printcap\n"
             "printer_perms_path=/etc/lprng/lpd.perms\n"
             "lockfile=" +
                 (config / "lpd.lock").string() + "\n");
  write_file(config / "printcap", queue_ + ":lp=" + output_file().string() +
                                      ":sd=" + spool_dir().string() + ":mx=0:sh\n");
  write_file(config / "lpd.perms", read_file("/etc/lprng/lpd.perms"));

  for (int attempt = 0; attempt < 3 && !process_; ++attempt) {
    port_ = pick_free_port();
    auto process = std::make_unique<ChildProcess>(
        std::vector<std::string>{"unshare", "--mount", "--propagation", "private", "sh", "-c",
                                 "mount --bind \"$0\" /etc/lprng && exec lpd -F -p \"$1\" -P off",
                                 config.string(), std::to_string(port_)},
        dir_.path() / "lpd.log");
    if (wait_until_listening(port_, std::chrono::seconds(10), [&] { return process->running(); })) {
      process_ = std::move(process);
    }
  }
  if (!process_) {
    throw std::runtime_error(
        "LPRng lpd did not start (it needs root for its private mount "
        "namespace); see " +
        (dir_.path() / "lpd.log").string());
  }
  uri_ = "lpd://127.0.0.1:" + std::to_string(port_) + "/" + queue_;
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
