#pragma once
// The commands that talk to the desktop client through its control socket
// (docs/control-socket.md): print, jobs, status, choose, cancel, retry, events,
// printers --fallback and fallback test.

#include <CLI/CLI.hpp>
#include <functional>

#include "server_session.h"

namespace printline::cli {

// `jobs --server` and `cancel --server` act on the user's jobs on the server instead, with
// the saved login (server_job_commands.h).
void add_client_job_commands(CLI::App& app, GlobalOptions& global, std::function<int()>& run);
void add_client_printer_commands(CLI::App& app, std::function<int()>& run);

}  // namespace printline::cli
