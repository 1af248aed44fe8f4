#include "server/private_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/fd_io.h"
#include "core/unique_fd.h"

namespace printline::server {
namespace {

Result<bool> restrict_mode(const std::filesystem::path& path, mode_t wanted) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return true;  // removed meanwhile (a finished spool file)
    return Error{fmt::format("Cannot read the mode of {}: {}.", path.string(), std::strerror(errno))};
  }
  if (S_ISLNK(st.st_mode)) return true;  // never follow a link out of the data directory
  if ((st.st_mode & 07777) == wanted) return true;
  if (::chmod(path.c_str(), wanted) != 0) {
    return Error{fmt::format("Cannot make {} private (mode {:o}): {}. Run the server as the "
                             "owner of its data directory.",
                             path.string(), wanted, std::strerror(errno))};
  }
  return true;
}

}  // namespace

void use_private_umask() { ::umask(077); }

Result<bool> make_data_private(const std::filesystem::path& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    return Error{fmt::format("Cannot create the data directory {}: {}.", data_dir.string(),
                             error.message())};
  }
  if (auto done = restrict_mode(data_dir, 0700); !done.ok()) return done;
  std::filesystem::recursive_directory_iterator it(
      data_dir, std::filesystem::directory_options::skip_permission_denied, error);
  for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const auto status = it->symlink_status(error);
    if (error) break;
    if (std::filesystem::is_symlink(status)) continue;
    const mode_t wanted = std::filesystem::is_directory(status) ? 0700 : 0600;
    if (auto done = restrict_mode(it->path(), wanted); !done.ok()) return done;
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    return Error{fmt::format("Cannot walk the data directory {}: {}.", data_dir.string(),
                             error.message())};
  }
  return true;
}

Result<bool> write_private_file(const std::filesystem::path& path, const std::string& text) {
  ::unlink(path.c_str());  // a new inode: an old file's mode or hard links do not carry over
  const UniqueFd fd(
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd) {
    return Error{fmt::format("Cannot create {}: {}.", path.string(), std::strerror(errno))};
  }
  if (!write_all(fd.get(), text.data(), text.size())) {
    return Error{fmt::format("Cannot write {}: {}.", path.string(), std::strerror(errno))};
  }
  if (::fsync(fd.get()) != 0) return Error{fmt::format("Cannot write {} to disk.", path.string())};
  return true;
}

}  // namespace printline::server
