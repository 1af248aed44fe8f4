#pragma once
// The server's files are for its own account only (D12, D13): the data directory is 0700, the
// SQLite database with its WAL and SHM, the spooled documents and the generated administrator
// password 0600. A process umask of 077, set by printline-server's main(), makes every file it
// creates private from the start;
// make_data_private() also repairs an installation made before (0644 files, a 0755 directory),
// so password and PIN hashes cannot be read and cracked offline by another local account.

#include <filesystem>

#include "core/error.h"

namespace printline::server {

// Sets the process umask to 077 (files 0600, directories 0700 from now on).
void use_private_umask();

// Creates `data_dir` if needed and makes it and everything under it private: directories
// 0700, files 0600. Symbolic links are not followed. An error says which path and why.
Result<bool> make_data_private(const std::filesystem::path& data_dir);

// Writes `text` to a new file `path` with mode 0600 (replacing an older one), fsync'ed.
Result<bool> write_private_file(const std::filesystem::path& path, const std::string& text);

}  // namespace printline::server
