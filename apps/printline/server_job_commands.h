#pragma once
// The user's own jobs on the server, not the desktop client's: `printline jobs --server`,
// `printline release JOB --printer P`, `printline cancel JOB --server`. They log in as
// `printline admin` does (the saved login, or --token), and the server lets a user see,
// release and cancel only their own jobs.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "server_session.h"

namespace printline::cli {

int list_my_server_jobs(const GlobalOptions& global, bool json);
int cancel_my_server_job(const GlobalOptions& global, const std::string& job, bool json);
void add_release_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run);

}  // namespace printline::cli
