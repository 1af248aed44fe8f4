#pragma once
// Files that must survive a crash or power loss at any moment: written to a temporary name,
// fsync'ed, renamed into place, and the directory fsync'ed, so a reader finds either the old
// file or the whole new one, never a torn one.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace printline {

// Creates the directory (and parents) if missing, giving the new directory `mode`; an
// existing directory keeps its permissions.
Status ensure_directory(const std::filesystem::path& dir, mode_t mode = 0700);

// fsyncs a directory so a rename or unlink inside it is durable.
Status sync_directory(const std::filesystem::path& dir);

// Writes `content` to `path` atomically and durably with permissions `mode`.
Status write_file_durably(const std::filesystem::path& path, std::string_view content,
                          mode_t mode = 0600);

// Writes `path` atomically and durably with what `fill` writes to the open descriptor, for
// content that is streamed rather than held in memory. A failed fill leaves no file behind.
using FileFiller = std::function<Status(int fd)>;
Status fill_file_durably(const std::filesystem::path& path, mode_t mode, const FileFiller& fill);

// An error for a failed file operation (errno) that says which file and what to check.
Error file_error(std::string_view what, const std::filesystem::path& path);

// Reads a whole small file (cache, token); the error says why it cannot be read.
Result<std::string> read_whole_file(const std::filesystem::path& path);

// Removes a file and makes the removal durable; a missing file is fine.
Status remove_file_durably(const std::filesystem::path& path);

}  // namespace printline
