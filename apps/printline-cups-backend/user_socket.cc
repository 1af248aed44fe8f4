#include "user_socket.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace printline::cups_backend {

std::string OpenedSocket::connect_path() const {
  return fmt::format("/proc/self/fd/{}", file.get());
}

Result<OpenedSocket> open_user_socket(const std::filesystem::path& path, uid_t user,
                                      const std::string& user_name, bool* not_running) {
  *not_running = false;
  const auto refuse = [&](const std::string& why) {
    return Error{fmt::format("The Printline client socket {} of user {} is not safe to use ({}); "
                             "the job is not handed over. The user's client must create it "
                             "itself (systemctl --user restart printline-client).",
                             path.string(), user_name, why)};
  };
  if (!path.is_absolute()) return refuse("not an absolute path");
  UniqueFd directory(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  std::vector<std::string> parts;
  for (const auto& part : path.relative_path()) parts.push_back(part.string());
  if (parts.empty()) return refuse("no file name");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    if (parts[i] == ".." || parts[i] == "." || parts[i].empty()) return refuse("not a plain path");
    UniqueFd next(::openat(directory.get(), parts[i].c_str(),
                           O_PATH | O_NOFOLLOW | O_CLOEXEC | (last ? 0 : O_DIRECTORY)));
    if (!next) {
      if (errno == ELOOP || errno == ENOTDIR) return refuse(parts[i] + " is a symbolic link");
      *not_running = errno == ENOENT;
      return Error{fmt::format("The Printline client of user {} is not running ({}: {}); the job "
                               "will be retried.",
                               user_name, path.string(), std::strerror(errno))};
    }
    struct stat info {};
    if (::fstat(next.get(), &info) != 0) return refuse("cannot be checked");
    if (S_ISLNK(info.st_mode)) return refuse(parts[i] + " is a symbolic link");
    if (last) {
      if (!S_ISSOCK(info.st_mode)) return refuse("not a socket");
      if (info.st_uid != user) return refuse("the socket belongs to another user");
      return OpenedSocket{std::move(next)};
    }
    if (info.st_uid != 0 && info.st_uid != user) {
      return refuse(fmt::format("the directory {} belongs to another user", parts[i]));
    }
    directory = std::move(next);
  }
  return refuse("no file name");
}

std::optional<Error> check_daemon_user(int fd, uid_t user, const std::string& user_name) {
  ucred peer{};
  socklen_t length = sizeof(peer);
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0) {
    return Error{"The Printline client's identity cannot be checked; the job is not handed over."};
  }
  if (peer.uid == user) return std::nullopt;
  return Error{fmt::format("The Printline client at the job's socket runs as uid {}, not as the "
                           "job's user {}: the job is not handed over (someone may have pointed "
                           "the socket at another user's client).",
                           peer.uid, user_name)};
}

}  // namespace printline::cups_backend
