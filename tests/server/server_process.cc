#include "server/server_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/loopback_port.h"

namespace printline::testing {

using namespace std::chrono_literals;

namespace {
constexpr const char* kFingerprintLine = "HTTPS certificate SHA256 fingerprint: ";
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ServerProcess::ServerProcess(const std::string& binary, const std::filesystem::path& data_dir,
                             const std::filesystem::path& log_path,
                             std::vector<std::string> extra_args, int port)
    : log_(log_path) {
  // A port free a moment ago may be taken when the server binds it: try another.
  for (int attempt = 0; attempt < (port == 0 ? 3 : 1) && !process_; ++attempt) {
    port_ = port == 0 ? pick_free_port() : port;
    std::vector<std::string> argv{binary, "--data", data_dir.string(), "--listen",
                                  "127.0.0.1:" + std::to_string(port_), "--log-level", "info"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    auto process = std::make_unique<ChildProcess>(argv, log_);
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline && process->running() &&
           read_text_file(log_).find("listening on") == std::string::npos) {
      std::this_thread::sleep_for(50ms);
    }
    if (process->running() && wait_until_listening(port_, 10s)) process_ = std::move(process);
  }
  if (!process_) throw std::runtime_error("printline-server did not start:\n" + log());
}

std::string ServerProcess::log() const { return read_text_file(log_); }

std::string ServerProcess::fingerprint() const {
  const std::string text = log();
  const auto at = text.rfind(kFingerprintLine);
  if (at == std::string::npos) return "";
  const auto start = at + std::string(kFingerprintLine).size();
  return text.substr(start, text.find('\n', start) - start);
}

bool ServerProcess::stop() {
  ::kill(process_->pid(), SIGTERM);
  return process_->wait_for_exit(60s) && process_->exit_status() == 0;
}

void ServerProcess::kill_now() {
  ::kill(process_->pid(), SIGKILL);
  process_->wait_for_exit(10s);
}

int run_program(const std::vector<std::string>& argv, const std::filesystem::path& log) {
  ChildProcess program(argv, log);
  if (!program.wait_for_exit(120s)) return -1;
  const int status = program.exit_status();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace printline::testing
