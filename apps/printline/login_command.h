#pragma once
// `printline login --server URL [--user U]` and `printline logout`: get an API token with a
// password once and keep it in the user's config directory (credentials.h).

#include <CLI/CLI.hpp>
#include <functional>

#include "server_session.h"

namespace printline::cli {

void add_login_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run);
void add_logout_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run);

}  // namespace printline::cli
