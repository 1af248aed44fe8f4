#include "render/ghostscript_stream.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

#include "analysis/subprocess.h"

namespace printline::render {
namespace {

constexpr std::size_t kMaxErrors = 16 << 10;  // gs says what went wrong first, then dumps stacks

// Reaps pid within timeout (polling, since waitpid has no deadline); false when still running.
bool reap(pid_t pid, int& status, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    usleep(2000);
  }
}

}  // namespace

Result<std::unique_ptr<GhostscriptStream>> GhostscriptStream::start(
    const std::vector<std::string>& argv) {
  // A bigger pipe lets gs run ahead of a slow printer a little.
  auto child = analysis::spawn_with_pipes(argv, 1 << 20);
  if (!child.ok()) {
    return Error{child.error().message + ". Install Ghostscript (Debian package ghostscript)."};
  }

  std::unique_ptr<GhostscriptStream> stream(new GhostscriptStream);
  stream->pid_ = child->pid;
  stream->output_fd_.reset(child->out_fd);
  stream->error_fd_.reset(child->err_fd);
  stream->error_reader_ = std::thread([raw = stream.get()] {
    char buffer[4096];
    for (;;) {
      const ssize_t n = read(raw->error_fd_.get(), buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      std::lock_guard lock(raw->error_mutex_);
      const auto room = kMaxErrors - std::min(kMaxErrors, raw->errors_.size());
      raw->errors_.append(buffer, std::min(room, static_cast<std::size_t>(n)));
    }
  });
  return stream;
}

void GhostscriptStream::stop() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  output_fd_.reset();
  if (error_reader_.joinable()) error_reader_.join();
  error_fd_.reset();
}

GhostscriptStream::~GhostscriptStream() { stop(); }

std::optional<Error> GhostscriptStream::finish(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return Error{"Ghostscript was already stopped."};
  int status = 0;
  if (!reap(pid_, status, timeout)) {
    stop();
    return Error{"Ghostscript did not finish the conversion in time and was stopped."};
  }
  pid_ = -1;
  if (error_reader_.joinable()) error_reader_.join();
  const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (ok) return std::nullopt;
  std::string errors;
  {
    std::lock_guard lock(error_mutex_);
    errors = errors_;
  }
  // "Error: /undefined in foo" is the line that explains; without one, the first line.
  if (auto at = errors.find("Error: "); at != std::string::npos) errors.erase(0, at);
  errors = errors.substr(0, errors.find('\n'));
  if (errors.size() > 300) errors.resize(300);
  return Error{"Ghostscript could not convert the document" +
               (WIFSIGNALED(status) ? std::string(" (stopped by signal ") +
                                          std::to_string(WTERMSIG(status)) + ")"
                                    : " (exit " + std::to_string(WEXITSTATUS(status)) + ")") +
               (errors.empty() ? std::string(".") : ": " + errors)};
}

}  // namespace printline::render
