#include "login_command.h"

#include <pwd.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "api_client/session_calls.h"
#include "api_failure.h"
#include "client/control_protocol.h"
#include "client/control_socket_client.h"
#include "client_connection.h"
#include "core/i18n.h"
#include "core/tls_trust.h"
#include "credentials.h"
#include "exit_codes.h"
#include "output.h"
#include "password_input.h"
#include "server_certificate.h"

namespace printline::cli {

namespace {

struct LoginArguments {
  std::string server;
  std::string user;
  std::string password_file;
  std::string control_socket;      // the desktop client to log in too
  std::string accept_fingerprint;  // D13: the server certificate to accept without asking
};

std::string login_name() {
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr) return entry->pw_name;
  return "";
}

// One login per workstation: the user's desktop client, when it runs, logs in with the same
// password and caches who the user is, so fallback printing works later while the server is
// down. A client that is not running is not an error: it logs in the next time this is run.
void log_in_desktop_client(const std::string& control_socket, const std::string& user,
                           const std::string& password, const api_client::ServerUrl& server,
                           const std::string& pinned_sha256) {
  ClientOptions options;
  options.control_socket = control_socket;
  auto connection = client::ControlSocketClient::connect(options.socket_path());
  if (!connection.ok()) return;
  client::ControlRequest request;
  request.command = client::ControlCommand::kLogin;
  request.login = user;
  request.password = password;
  if (!pinned_sha256.empty()) {
    request.server_address = TlsTrust::key(server.host, server.port);
    request.server_fingerprint = pinned_sha256;
  }
  auto answer = connection->request(request);
  if (answer.ok()) {
    std::cout << trf("The desktop client (printline-client) is logged in as {user} too.",
                     fmt::arg("user", user))
              << "\n";
  } else {
    std::cerr << trf("login: the desktop client could not log in: {reason}",
                     fmt::arg("reason", answer.error().message))
              << "\n";
  }
}

int run_login(const GlobalOptions& global, const LoginArguments& args) {
  const std::string server = args.server.empty() ? global.server : args.server;
  if (server.empty()) {
    return report_local_failure("login",
                                tr("Which server? Give --server URL, e.g. "
                                   "--server https://print.example.org:8631."),
                                kUsage);
  }
  auto client = connect_anonymous(global, server);
  if (!client.ok()) return report_local_failure("login", client.error().message, kUsage);
  // D13: the server's certificate is settled before the password goes out.
  const api_client::ServerUrl url = (*client)->preferred_server();
  std::string pinned;
  if (url.tls && !global.insecure) {
    std::string previous_pin;
    if (auto saved = load_credentials();
        saved.ok() && *saved && (*saved)->server == url.to_string()) {
      previous_pin = (*saved)->pinned_sha256;
    }
    auto choice = choose_server_certificate(url, global.ca_cert_file, previous_pin,
                                            args.accept_fingerprint, global.connect_timeout_ms);
    if (!choice.ok())
      return report_local_failure("login", choice.error().message, kServerUnreachable);
    pinned = choice->pinned_sha256;
    if (!pinned.empty()) {
      api_client::ClientOptions options = client_options(global, "");
      options.pinned_certificates[TlsTrust::key(url.host, url.port)] = pinned;
      *client = std::make_unique<api_client::ApiClient>(std::vector{url}, std::move(options));
    }
  }
  const std::string user = args.user.empty() ? login_name() : args.user;
  auto password = read_password(
      {args.password_file, "PRINTLINE_PASSWORD",
       trf("Password for {user} on {server}: ", fmt::arg("user", user),
           fmt::arg("server", (*client)->preferred_server().to_string()))});
  if (!password.ok()) return report_local_failure("login", password.error().message, kUsage);

  auto answer = api_client::login(**client, user, *password);
  if (!answer.ok()) {
    if (answer.error().unauthenticated()) {
      // A refused password is the server refusing this request, not "logged out".
      return report_local_failure("login", api_client::describe(answer.error()), kRefusedByServer);
    }
    return report_failure("login", answer.error());
  }
  Credentials credentials{(*client)->preferred_server().to_string(), answer->token,
                          answer->user.login, answer->expires_at, pinned};
  auto saved = save_credentials(credentials);
  if (!saved.ok()) return report_local_failure("login", saved.error().message, kFailure);
  const auto server_arg = fmt::arg("server", credentials.server);
  const auto user_arg = fmt::arg("user", answer->user.login);
  const auto file_arg = fmt::arg("file", saved->string());
  const auto expiry_arg = fmt::arg("expires", time_text(answer->expires_at));
  std::cout << (answer->user.role == model::Role::kAdmin
                    ? trf("Logged in to {server} as {user} (administrator); the token is saved in "
                          "{file} and expires {expires}.",
                          server_arg, user_arg, file_arg, expiry_arg)
                    : trf("Logged in to {server} as {user}; the token is saved in {file} and "
                          "expires {expires}.",
                          server_arg, user_arg, file_arg, expiry_arg))
            << "\n";
  if (!pinned.empty()) {
    std::cout << trf("Its certificate (SHA256 {fingerprint}) is pinned: a different one will be "
                     "refused.",
                     fmt::arg("fingerprint", pinned))
              << "\n";
  }
  log_in_desktop_client(args.control_socket, user, *password, url, pinned);
  return kOk;
}

int run_logout(const GlobalOptions& global) {
  auto client = connect(global);
  if (!client.ok()) {
    // Nothing saved, nothing to revoke: already logged out.
    std::cout << tr("Not logged in; nothing to do.") << "\n";
    return kOk;
  }
  auto revoked = api_client::logout(**client);
  const bool removed = global.token.empty() && remove_credentials();
  if (!revoked.ok()) {
    const int code = report_failure("logout", revoked.error());
    if (removed) {
      std::cerr << "  "
                << tr("The saved login was removed from this computer, but the server did not "
                      "revoke the token; it stays valid until it expires.")
                << "\n";
    }
    return code;
  }
  std::cout << (removed ? tr("Logged out: the server revoked this login's token and the saved "
                             "login was removed.")
                        : tr("Logged out: the server revoked this login's token."))
            << "\n";
  return kOk;
}

}  // namespace

void add_login_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
  auto args = std::make_shared<LoginArguments>();
  CLI::App* login =
      app.add_subcommand("login", tr("Log in to a Printline server and save the token"));
  login->add_option("--server", args->server,
                    tr("Server URL, e.g. https://print.example.org:8631"));
  login->add_option("--user", args->user, tr("Login name (default: your system login)"));
  login->add_option("--control-socket", args->control_socket,
                    tr("The desktop client to log in too (default: "
                       "$XDG_RUNTIME_DIR/printline/control.sock)"));
  login->add_option("--accept-fingerprint", args->accept_fingerprint,
                    tr("https://: accept and pin the server certificate with this SHA-256 "
                       "fingerprint without asking (check it with your administrator)"));
  login->add_option("--password-file", args->password_file,
                    tr("Read the password from the first line of this file ('-': standard input); "
                       "else $PRINTLINE_PASSWORD, else a prompt"));
  login->callback(
      [args, &global, &run] { run = [args, &global] { return run_login(global, *args); }; });
}

void add_logout_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
  CLI::App* logout =
      app.add_subcommand("logout", tr("Revoke the saved token on the server and forget it"));
  logout->callback([&global, &run] { run = [&global] { return run_logout(global); }; });
}

}  // namespace printline::cli
