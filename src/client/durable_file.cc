#include "client/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "core/fd_io.h"

namespace printline::client {

namespace {

Error errno_error(std::string_view what, const std::filesystem::path& path) {
  return Error{fmt::format("Cannot {} {}: {}. Check that the state directory is writable and "
                           "the disk is not full.",
                           what, path.string(), std::strerror(errno))};
}

// Closes the descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

std::filesystem::path temporary_name(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

// Writes via `fill`, fsyncs, renames into place and fsyncs the directory.
template <typename Fill>
Status write_atomically(const std::filesystem::path& path, mode_t mode, Fill&& fill) {
  const auto temp = temporary_name(path);
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (fd.get() < 0) return errno_error("create", temp);
  ::fchmod(fd.get(), mode);  // the umask must not widen or narrow what we asked for
  if (auto filled = fill(fd.get()); !filled.ok()) {
    ::unlink(temp.c_str());
    return filled.error();
  }
  if (::fsync(fd.get()) != 0) {
    auto error = errno_error("flush", temp);
    ::unlink(temp.c_str());
    return error;
  }
  if (::close(fd.release()) != 0) return errno_error("close", temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) return errno_error("rename", temp);
  return sync_directory(path.parent_path());
}

}  // namespace

Status ensure_directory(const std::filesystem::path& dir, mode_t mode) {
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error{fmt::format("Cannot create the directory {}: {}. Check its parent's permissions.",
                             dir.string(), ec.message())};
  }
  // Only a directory we created gets our mode: an existing one is the user's choice.
  if (created) ::chmod(dir.c_str(), mode);
  return ok_status();
}

Status sync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno_error("open the directory", dir);
  if (::fsync(fd.get()) != 0) return errno_error("flush the directory", dir);
  return ok_status();
}

Status write_file_durably(const std::filesystem::path& path, std::string_view content,
                          mode_t mode) {
  return write_atomically(path, mode, [&](int fd) -> Status {
    if (!write_all(fd, content.data(), content.size())) return errno_error("write", path);
    return ok_status();
  });
}

Result<std::uint64_t> spool_document_durably(const std::filesystem::path& path,
                                             transport::DocumentSource& document) {
  std::uint64_t total = 0;
  auto written = write_atomically(path, 0600, [&](int fd) -> Status {
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
      auto got = document.read(buffer);
      if (!got.ok()) {
        return Error{fmt::format("The document could not be read: {}", got.error().message)};
      }
      if (*got == 0) return ok_status();
      if (!write_all(fd, buffer.data(), *got)) return errno_error("write", path);
      total += *got;
    }
  });
  if (!written.ok()) return written.error();
  return total;
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno_error("read", path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Status remove_file_durably(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errno_error("remove", path);
  return sync_directory(path.parent_path());
}

}  // namespace printline::client
