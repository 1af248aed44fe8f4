#pragma once
// The desktop client's files are its user's alone (D13, issue 12): the state directory 0700 and
// everything in it — the outbox database and its WAL, spooled documents, token, cache, pins —
// 0600. printline-client runs with umask 077 so new files are born private; this also fixes a
// state directory left by an older version (0755 directory, 0644 files).

#include <filesystem>

#include "core/durable_file.h"

namespace printline::client {

// Makes `state_dir` 0700 and takes group and other access from every file and directory under
// it (links are not followed).
Status make_state_private(const std::filesystem::path& state_dir);

}  // namespace printline::client
