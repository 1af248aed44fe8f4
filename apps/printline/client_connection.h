#pragma once
// What every command that talks to the desktop client (printline-client) shares: the
// --control-socket option, connecting, one request, and the exit code of each failure.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client/control_socket_client.h"

namespace printline::cli {

struct ClientOptions {
  std::string control_socket;  // empty: $PRINTLINE_CONTROL_SOCKET, else the default path
  bool json = false;

  std::filesystem::path socket_path() const;
};

// Adds --control-socket PATH (and --json when with_json) to a client command.
void add_client_options(CLI::App& command, ClientOptions& options, bool with_json = true);

// Prints the error on stderr prefixed with the command's name and returns its exit code
// (kClientNotRunning, kRefusedByClient or kFailure).
int report(const std::string& command, const client::ControlError& error);

// Connects and sends one request. On failure *exit_code is set and the error printed.
std::optional<nlohmann::json> ask_client(const std::string& command, const ClientOptions& options,
                                         const client::ControlRequest& request, int* exit_code,
                                         int document_fd = -1);

}  // namespace printline::cli
