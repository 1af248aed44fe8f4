#include "core/temporary_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace printline {

TemporaryFile::~TemporaryFile() {
  fd_.reset();
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove(path_, ignored);
}

std::optional<Error> TemporaryFile::open(std::string_view prefix,
                                         const std::filesystem::path& dir) {
  std::error_code error;
  const auto in = dir.empty() ? std::filesystem::temp_directory_path(error) : dir;
  if (error) return Error{"Cannot find the temporary directory: " + error.message()};
  std::string name = (in / (std::string(prefix) + "-XXXXXX")).string();
  const int fd = ::mkstemp(name.data());  // 0600, O_EXCL
  if (fd < 0) return Error{"Cannot create a temporary file: " + std::string(std::strerror(errno))};
  fd_.reset(fd);
  path_ = name;
  return std::nullopt;
}

}  // namespace printline
