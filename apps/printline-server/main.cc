// printline-server — the central print server: REST API, IPP queues, web interface.

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "core/logging.h"
#include "core/stop_signals.h"
#include "server/printline_server.h"
#include "server/private_files.h"
#include "server/server_config.h"

namespace {

// "127.0.0.1:8631", "[::1]:8631" or "0.0.0.0:8631".
bool parse_listen(const std::string& text, printline::server::ServerConfig& config) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return false;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    config.listen_port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    return false;
  }
  config.listen_host = host;
  return !host.empty();
}

}  // namespace

int main(int argc, char** argv) {
  using printline::server::ServerConfig;
  printline::server::use_private_umask();  // every file and directory it creates is its own (D13)
  CLI::App app{"printline-server: users, printers, queues, accounting and Desktop Client profiles."};
  std::string config_file, listen, data_dir, database, tls_cert, tls_key, admin_password_file,
      log_level, web_dir, node_name;
  std::uint64_t max_upload = 0;
  int node_heartbeat = 0, print_workers = 0;
  app.add_option("--config", config_file, "JSON file with the settings below (docs/server.md)");
  app.add_option("--data", data_dir, "Data directory: database and spooled documents");
  app.add_option("--listen", listen, "Address and port, e.g. 127.0.0.1:8631 or [::1]:8631");
  app.add_option("--db", database, "sqlite (default) or postgresql://user@host:port/database");
  app.add_option("--tls-cert", tls_cert, "PEM certificate: serve HTTPS only");
  app.add_option("--tls-key", tls_key, "PEM private key of the certificate");
  app.add_option("--admin-password-file", admin_password_file,
                 "First start: the administrator's password (else one is generated and printed)");
  app.add_option("--max-upload", max_upload, "Largest accepted document in bytes");
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error");
  app.add_option("--web-dir", web_dir, "Web interface files (default: found beside the binary)");
  app.add_option("--print-workers", print_workers, "Jobs sent to printers at the same time");
  app.add_option("--node-name", node_name,
                 "This server's name among servers sharing one database (default host:port)");
  app.add_option("--node-heartbeat", node_heartbeat,
                 "Seconds between 'alive' marks in the database; silent 3x as long = stopped");
  CLI11_PARSE(app, argc, argv);

  ServerConfig config;
  if (!config_file.empty()) {
    auto loaded = printline::server::read_server_config_file(config_file);
    if (!loaded.ok()) {
      std::cerr << "printline-server: " << loaded.error().message << "\n";
      return 2;
    }
    config = std::move(*loaded);
  }
  if (!data_dir.empty()) config.data_dir = data_dir;
  if (!listen.empty() && !parse_listen(listen, config)) {
    std::cerr << "printline-server: --listen wants HOST:PORT, e.g. 127.0.0.1:8631\n";
    return 2;
  }
  if (!database.empty()) config.database = database;
  if (!tls_cert.empty()) config.tls_cert = tls_cert;
  if (!tls_key.empty()) config.tls_key = tls_key;
  if (!admin_password_file.empty()) config.admin_password_file = admin_password_file;
  if (max_upload > 0) config.max_upload_bytes = max_upload;
  if (!log_level.empty()) config.log_level = log_level;
  if (!web_dir.empty()) config.web_dir = web_dir;
  if (print_workers > 0) config.print_workers = print_workers;
  if (!node_name.empty()) config.node_name = node_name;
  if (node_heartbeat > 0) config.node_heartbeat_seconds = node_heartbeat;
  printline::init_logging(config.log_level);

  const printline::StopSignals stop_signals;  // before any thread starts

  auto server = printline::server::PrintlineServer::open(config);
  if (!server.ok()) {
    std::cerr << "printline-server: " << server.error().message << "\n";
    return 1;
  }
  const auto& bootstrap = (*server)->bootstrap();
  if (bootstrap.generated_password_file) {
    // The path only: standard output may end in the journal, readable by other accounts.
    std::cout << "Created the administrator \"" << bootstrap.login << "\"; its password is in "
              << bootstrap.generated_password_file->string()
              << " (readable only by this account). Change it after logging in.\n";
  }
  std::cout << "printline-server listening on " << (*server)->base_url() << std::endl;

  std::thread stopper([&server, &stop_signals] {
    stop_signals.wait();
    (*server)->stop();
  });
  (*server)->run();
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the thread if run() ended by itself
  stopper.join();
  return 0;
}
