#include "core/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/fd_io.h"
#include "core/unique_fd.h"

namespace printline {

namespace {

std::filesystem::path temporary_name(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

}  // namespace

Error file_error(std::string_view what, const std::filesystem::path& path) {
  return Error{fmt::format("Cannot {} {}: {}. Check that the state directory is writable and "
                           "the disk is not full.",
                           what, path.string(), std::strerror(errno))};
}

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
  UniqueFd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return file_error("open the directory", dir);
  if (::fsync(fd.get()) != 0) return file_error("flush the directory", dir);
  return ok_status();
}

Status fill_file_durably(const std::filesystem::path& path, mode_t mode, const FileFiller& fill) {
  const auto temp = temporary_name(path);
  UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (!fd) return file_error("create", temp);
  ::fchmod(fd.get(), mode);  // the umask must not widen or narrow what we asked for
  if (auto filled = fill(fd.get()); !filled.ok()) {
    ::unlink(temp.c_str());
    return filled.error();
  }
  if (::fsync(fd.get()) != 0) {
    auto error = file_error("flush", temp);
    ::unlink(temp.c_str());
    return error;
  }
  if (::close(fd.release()) != 0) return file_error("close", temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) return file_error("rename", temp);
  return sync_directory(path.parent_path());
}

Status write_file_durably(const std::filesystem::path& path, std::string_view content,
                          mode_t mode) {
  return fill_file_durably(path, mode, [&](int fd) -> Status {
    if (!write_all(fd, content.data(), content.size())) return file_error("write", path);
    return ok_status();
  });
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error("read", path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Status remove_file_durably(const std::filesystem::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return file_error("remove", path);
  return sync_directory(path.parent_path());
}

}  // namespace printline
