// printline-client — the desktop client daemon of one user (issue 4): the durable outbox, the
// server link and fallback printing (ClientDaemon), reached through its control socket and its
// local IPP printer.

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "client/client_config.h"
#include "client/client_daemon.h"
#include "client/control_socket_path.h"
#include "client/control_socket_server.h"
#include "client/desktop_notifier.h"
#include "client/local_ipp_printer.h"
#include "core/i18n.h"
#include "core/logging.h"
#include "core/logging_hangup.h"
#include "core/stop_signals.h"

int main(int argc, char** argv) {
  // Job reasons, prompts and notifications in the workstation's language (D14).
  printline::i18n::init_translations();
  using printline::client::ClientConfig;
  CLI::App app{"printline-client: the desktop client daemon (outbox, fallback printing)."};
  std::string config_file, state_dir, servers, queue, ipp_listen, control_socket, log_level,
      log_file, ca_cert;
  int heartbeat_ms = 0;
  app.add_option("--config", config_file, "JSON file with the settings below (docs/client.md)");
  app.add_option("--state", state_dir, "State directory: outbox, spool, cache, token");
  app.add_option("--server", servers, "Server address(es), tried in order: URL[,URL...]");
  app.add_option("--queue", queue, "Server queue that jobs go to (default main)");
  app.add_option("--ipp-listen", ipp_listen, "Local IPP printer on loopback, e.g. 127.0.0.1:8632");
  app.add_option("--control-socket", control_socket,
                 "Control socket path (default $XDG_RUNTIME_DIR/printline/control.sock)");
  app.add_option("--heartbeat-ms", heartbeat_ms,
                 "Heartbeat interval in ms instead of the profile's (tests, demos)");
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error");
  app.add_option("--log-file", log_file,
                 "Log to this file instead of standard error; reopened on SIGHUP (logrotate)");
  app.add_option("--ca-cert", ca_cert,
                 "HTTPS and ipps://: trust the CAs of this PEM file instead of the system store");
  CLI11_PARSE(app, argc, argv);
  // Everything the client writes (outbox, WAL, spool, token, cache, log) is its user's alone.
  ::umask(077);

  ClientConfig config;
  if (!config_file.empty()) {
    auto loaded = printline::client::read_client_config_file(config_file);
    if (!loaded.ok()) {
      std::cerr << "printline-client: " << loaded.error().message << "\n";
      return 2;
    }
    config = std::move(*loaded);
  }
  ClientConfig overrides;
  overrides.state_dir = state_dir;
  overrides.servers = printline::client::split_server_list(servers);
  if (!queue.empty()) overrides.queue = queue;
  overrides.ipp_listen = ipp_listen;
  overrides.control_socket = control_socket;
  if (heartbeat_ms > 0) overrides.heartbeat_interval = std::chrono::milliseconds(heartbeat_ms);
  if (!log_level.empty()) overrides.log_level = log_level;
  overrides.log_file = log_file;
  overrides.ca_cert_file = ca_cert;
  config = printline::client::merge_configs(std::move(config), overrides);
  if (config.control_socket.empty()) {
    config.control_socket = printline::client::default_control_socket_path();
  }
  if (auto problem = printline::client::validate(config)) {
    std::cerr << "printline-client: " << problem->message << "\n";
    return 2;
  }
  if (!printline::init_logging(config.log_level, config.log_file)) return 1;

  const printline::StopSignals stop_signals;      // before any thread starts
  const printline::ReopenLogOnHangup reopen_log;  // logrotate's SIGHUP, also before threads

  auto daemon = printline::client::ClientDaemon::open(config);
  if (!daemon.ok()) {
    std::cerr << "printline-client: " << daemon.error().message << "\n";
    return 1;
  }
  (*daemon)->start();

  // ---- The edges: the control socket (CLI, CUPS backend, tray app) and the local IPP
  // ---- printer. They only translate to ClientService calls on the daemon.
  printline::client::ControlSocketServer control(**daemon, config.control_socket);
  if (auto started = control.start(); !started.ok()) {
    std::cerr << "printline-client: " << started.error().message << "\n";
    (*daemon)->stop();
    return 1;
  }
  std::cout << "printline-client: control socket " << config.control_socket.string() << std::endl;
  std::unique_ptr<printline::client::LocalIppPrinter> local_printer;
  if (!config.ipp_listen.empty()) {
    auto listen = printline::client::parse_ipp_listen(config.ipp_listen);
    local_printer = std::make_unique<printline::client::LocalIppPrinter>(
        **daemon, listen->first, listen->second, (*daemon)->spool_dir());
    if (auto started = local_printer->start(); !started.ok()) {
      std::cerr << "printline-client: " << started.error().message << "\n";
      control.stop();
      (*daemon)->stop();
      return 1;
    }
    std::cout << "printline-client: local IPP printer ipp://" << listen->first << ":"
              << local_printer->port() << "/ipp/print" << std::endl;
  }
  // Notifications also go to the desktop's notification service, when the session has one,
  // unless the tray app is connected: it shows them itself.
  auto desktop = std::make_shared<printline::client::DesktopNotifier>();
  const auto notifying = printline::client::show_notifications_on_desktop(
      **daemon, desktop, [&control] { return control.desktop_app_connected(); });
  // ---- end of the edges.

  stop_signals.wait();
  std::cout << "printline-client: stopping" << std::endl;
  if (local_printer) local_printer->stop();
  control.stop();
  (*daemon)->stop();
  return 0;
}
