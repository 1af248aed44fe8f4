#include "client/control_socket_path.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace printline::client {

namespace {

std::filesystem::path home_directory() {
  if (const char* home = std::getenv("HOME"); home && *home) return home;
  if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_dir) return entry->pw_dir;
  return "/tmp";
}

}  // namespace

std::filesystem::path default_control_socket_path() {
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
    return std::filesystem::path(runtime) / "printline" / "control.sock";
  }
  return home_directory() / ".local" / "state" / "printline" / "control.sock";
}

std::filesystem::path control_socket_path_for_uid(uid_t uid) {
  return std::filesystem::path("/run/user") / std::to_string(uid) / "printline" /
         "control.sock";
}

}  // namespace printline::client
