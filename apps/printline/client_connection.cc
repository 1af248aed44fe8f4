#include "client_connection.h"

#include <cstdlib>
#include <iostream>

#include "client/control_socket_path.h"
#include "core/i18n.h"
#include "exit_codes.h"

namespace printline::cli {

std::filesystem::path ClientOptions::socket_path() const {
  if (!control_socket.empty()) return control_socket;
  if (const char* env = std::getenv("PRINTLINE_CONTROL_SOCKET"); env && *env) return env;
  return client::default_control_socket_path();
}

void add_client_options(CLI::App& command, ClientOptions& options, bool with_json) {
  command.add_option("--control-socket", options.control_socket,
                     tr("The desktop client's control socket (default: "
                        "$XDG_RUNTIME_DIR/printline/control.sock)"));
  if (with_json) command.add_flag("--json", options.json, tr("Print the client's JSON answer"));
}

int report(const std::string& command, const client::ControlError& error) {
  std::cerr << "printline " << command << ": " << error.message << "\n";
  switch (error.kind) {
    case client::ControlError::Kind::kNotRunning:
      return kClientNotRunning;
    case client::ControlError::Kind::kRefused:
      return kRefusedByClient;
    case client::ControlError::Kind::kNoAccess:
    case client::ControlError::Kind::kBroken:
      break;
  }
  return kFailure;
}

std::optional<nlohmann::json> ask_client(const std::string& command, const ClientOptions& options,
                                         const client::ControlRequest& request, int* exit_code,
                                         int document_fd) {
  auto connection = client::ControlSocketClient::connect(options.socket_path());
  if (!connection.ok()) {
    *exit_code = report(command, connection.error());
    return std::nullopt;
  }
  auto answer = connection->request(request, document_fd);
  if (!answer.ok()) {
    *exit_code = report(command, answer.error());
    return std::nullopt;
  }
  *exit_code = kOk;
  return std::move(answer.value());
}

}  // namespace printline::cli
