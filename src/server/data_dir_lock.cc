#include "server/data_dir_lock.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace printline::server {

Result<DataDirLock> DataDirLock::take(const std::filesystem::path& data_dir, Mode mode) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  const auto path = data_dir / "printline-server.lock";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd) {
    return Error{fmt::format("Cannot open {}: {}. Run as the owner of the data directory.",
                             path.string(), std::strerror(errno))};
  }
  const int operation = (mode == Mode::kServing ? LOCK_SH : LOCK_EX) | LOCK_NB;
  if (::flock(fd.get(), operation) != 0) {
    if (mode == Mode::kRestoring) {
      return Error{fmt::format(
          "A printline-server is running on the data directory {}: stop it first (e.g. "
          "systemctl stop printline-server), then restore again. Nothing was changed.",
          data_dir.string())};
    }
    return Error{fmt::format(
        "A restore is running on the data directory {}: start the server when it is done.",
        data_dir.string())};
  }
  return DataDirLock(std::move(fd));
}

}  // namespace printline::server
