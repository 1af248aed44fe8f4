#pragma once
// Shows a failed API call the same way in every command: the server's own message (and its
// findings), a hint about what to do, and an exit code scripts can act on (exit_codes.h).

#include <string>

#include "api_client/api_error.h"

namespace printline::cli {

// Prints "printline <command>: <message>" and hints to stderr; returns the exit code.
int report_failure(const std::string& command, const api_client::ApiError& error);

// For local failures before any request (bad server URL, no saved login).
int report_local_failure(const std::string& command, const std::string& message, int exit_code);

}  // namespace printline::cli
