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

// A server job's state ("held", the API's keyword) for people, in their language; an
// unknown keyword as it is. `printline jobs --server` and `printline admin jobs` show it.
std::string server_state_text(const std::string& state);

int list_my_server_jobs(const GlobalOptions& global, bool json);
int cancel_my_server_job(const GlobalOptions& global, const std::string& job, bool json);
void add_release_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run);

}  // namespace printline::cli
