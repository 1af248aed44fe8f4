#pragma once
// The root CUPS backend reaches the job's user's desktop client without trusting what that
// user controls (D13): the control socket's path is opened component by component with
// O_NOFOLLOW (no symbolic link is followed), every directory on it belongs to root or to the
// job's user, the socket itself to the job's user; the connection is made through that opened
// file, and the daemon at the other end must run as the job's user (SO_PEERCRED) before the
// job is sent.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline::cups_backend {

// The socket at `path`, opened without following links; keep it open while connecting to
// connect_path() ("/proc/self/fd/N", which names this very file).
struct OpenedSocket {
  UniqueFd file;
  std::string connect_path() const;
};

// *not_running: the socket is simply not there (the client does not run): retry later.
Result<OpenedSocket> open_user_socket(const std::filesystem::path& path, uid_t user,
                                      const std::string& user_name, bool* not_running);

// nullopt when the daemon at the other end of `fd` runs as `user`; else why not.
std::optional<Error> check_daemon_user(int fd, uid_t user, const std::string& user_name);

}  // namespace printline::cups_backend
