#pragma once
// A private file in the temporary directory (TMPDIR) or a given one, for a conversion that must
// read or write a file rather than a pipe: created 0600 by open(), removed with the object.

#include <filesystem>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline {

class TemporaryFile {
 public:
  TemporaryFile() = default;
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  // Creates it, named "<prefix>-XXXXXX" in `dir` (empty: TMPDIR): nullopt, or an error saying
  // why not.
  std::optional<Error> open(std::string_view prefix, const std::filesystem::path& dir = {});
  int fd() const { return fd_.get(); }  // -1 until opened
  const std::filesystem::path& path() const { return path_; }

 private:
  UniqueFd fd_;  // closed before the file is removed
  std::filesystem::path path_;
};

}  // namespace printline
