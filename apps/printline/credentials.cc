#include "credentials.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/i18n.h"

namespace printline::cli {

namespace fs = std::filesystem;

fs::path credentials_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') {
    return fs::path(xdg) / "printline" / "credentials.json";
  }
  const char* home = std::getenv("HOME");
  std::string home_dir = home != nullptr ? home : "";
  if (home_dir.empty()) {
    if (const passwd* entry = getpwuid(getuid()); entry != nullptr) home_dir = entry->pw_dir;
  }
  return fs::path(home_dir) / ".config" / "printline" / "credentials.json";
}

Result<std::optional<Credentials>> load_credentials() {
  const fs::path path = credentials_path();
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return std::optional<Credentials>{};
    return Error{trf("Cannot read {file}: {reason}. Run `printline login` again.",
                     fmt::arg("file", path.string()), fmt::arg("reason", std::strerror(errno)))};
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("server") || !j.contains("token")) {
    return Error{trf("{file} is damaged. Run `printline login` again.",
                     fmt::arg("file", path.string()))};
  }
  Credentials credentials;
  credentials.server = j.value("server", "");
  credentials.token = j.value("token", "");
  credentials.login = j.value("login", "");
  credentials.expires_at = j.value("expires_at", "");
  credentials.pinned_sha256 = j.value("pinned_sha256", "");
  return std::optional<Credentials>(credentials);
}

namespace {

Error cannot_write(const fs::path& path, const std::string& why) {
  return Error{trf("Cannot write {file}: {reason}", fmt::arg("file", path.string()),
                   fmt::arg("reason", why))};
}

}  // namespace

Result<fs::path> save_credentials(const Credentials& credentials) {
  const fs::path path = credentials_path();
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    return Error{trf("Cannot create {directory}: {reason}",
                     fmt::arg("directory", path.parent_path().string()),
                     fmt::arg("reason", ec.message()))};
  }
  ::chmod(path.parent_path().c_str(), 0700);
  const nlohmann::json j = {{"server", credentials.server},
                            {"token", credentials.token},
                            {"login", credentials.login},
                            {"expires_at", credentials.expires_at},
                            {"pinned_sha256", credentials.pinned_sha256}};
  const std::string text = j.dump(2) + "\n";
  const fs::path temporary = path.string() + ".tmp";
  // Created 0600 from the start: the token is never readable by others, not even briefly.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return cannot_write(temporary, std::strerror(errno));
  ::fchmod(fd, 0600);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return cannot_write(path, why);
  }
  return path;
}

bool remove_credentials() {
  std::error_code ec;
  return fs::remove(credentials_path(), ec);
}

}  // namespace printline::cli
