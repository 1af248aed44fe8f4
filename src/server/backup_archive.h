#pragma once
// The backup file of printline-server (backup.h): a POSIX tar (ustar) archive, so an
// administrator can look into it with `tar tvf`. Only what backups need: regular files with
// relative names of up to 100 bytes; sizes above 8 GiB in GNU's base-256 form.
// The writer creates the file with mode 0600 under a temporary name and renames it into place
// once everything is on disk, so a backup that failed half-way never looks complete.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "core/error.h"
#include "core/unique_fd.h"

namespace printline::server {

class BackupArchiveWriter {
 public:
  static Result<BackupArchiveWriter> create(const std::filesystem::path& path);
  BackupArchiveWriter(BackupArchiveWriter&& other) noexcept;
  BackupArchiveWriter& operator=(BackupArchiveWriter&&) = delete;
  ~BackupArchiveWriter();  // an unfinished archive is removed

  Result<bool> add_text(const std::string& name, const std::string& text);
  // Copies an open file (read from its start) under `name`.
  Result<bool> add_file(const std::string& name, int fd);
  // Writes the end marker, syncs, and renames the archive into place.
  Result<bool> finish();

 private:
  BackupArchiveWriter(std::filesystem::path path, int fd);
  Result<bool> header(const std::string& name, std::uint64_t size);
  Result<bool> write(const char* data, std::size_t size);

  std::filesystem::path path_;
  std::filesystem::path part_;
  UniqueFd fd_;  // none once finished
  std::uint64_t written_ = 0;
};

// Calls `entry(name, size, read)` for every file in the archive in order; `read(buffer, n)`
// gives the next up to n bytes of that file (0 at its end). An entry need not read all.
using BackupEntryReader = std::function<std::size_t(char* buffer, std::size_t size)>;
Result<bool> read_backup_archive(
    const std::filesystem::path& path,
    const std::function<Result<bool>(const std::string& name, std::uint64_t size,
                                     const BackupEntryReader& read)>& entry);

}  // namespace printline::server
