#include "client/private_state.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace printline::client {

Status make_state_private(const std::filesystem::path& state_dir) {
  if (::chmod(state_dir.c_str(), 0700) != 0) {
    return Error{fmt::format("Cannot make the state directory {} private (mode 0700): {}. "
                             "Check that it belongs to this user.",
                             state_dir.string(), std::strerror(errno))};
  }
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(state_dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    struct stat info {};
    if (::lstat(it->path().c_str(), &info) != 0 || S_ISLNK(info.st_mode)) continue;
    if ((info.st_mode & 077) != 0) ::chmod(it->path().c_str(), info.st_mode & 0700);
  }
  return ok_status();
}

}  // namespace printline::client
