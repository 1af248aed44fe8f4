// printline-server — the central print server: REST API, IPP queues, web interface.

#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>

#include "core/i18n.h"
#include "core/logging.h"
#include "core/logging_hangup.h"
#include "core/stop_signals.h"
#include "server/backup.h"
#include "server/data_dir_lock.h"
#include "server/printline_server.h"
#include "server/private_files.h"
#include "server/server_config.h"
#include "server/tls_bootstrap.h"

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

// `printline-server backup --to FILE|DIR` and `restore --from FILE` (server/backup.h).
int run_backup_command(const printline::server::ServerConfig& config, const std::string& to,
                       const std::string& from) {
  const bool backing_up = !to.empty();
  auto done = backing_up ? printline::server::create_backup(config, to)
                         : printline::server::restore_backup(config, from);
  if (!done.ok()) {
    std::cerr << "printline-server " << (backing_up ? "backup" : "restore") << ": "
              << done.error().message << "\n";
    return 1;
  }
  if (backing_up) {
    std::cout << "Backed up the " << done->database << " database and " << done->documents
              << " documents of unfinished jobs to " << done->file.string() << "\n";
  } else {
    std::cout << "Restored the " << done->database << " database and " << done->documents
              << " documents of unfinished jobs from " << done->file.string()
              << "; start printline-server now.\n";
  }
  if (done->documents_missing > 0) {
    std::cout << done->documents_missing
              << " unfinished jobs had no document in the spool (they finished while the "
                 "backup ran); their documents are not in the backup.\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using printline::server::ServerConfig;
  printline::server::use_private_umask();  // every file and directory it creates is its own (D13)
  // The catalogs: each request is then answered in its user's language (D14).
  printline::i18n::init_translations(PRINTLINE_SERVER_LOCALEDIR);
  CLI::App app{"printline-server: users, printers, queues, accounting and Desktop Client profiles."};
  std::string config_file, listen, data_dir, database, tls_cert, tls_key, admin_password_file,
      log_level, web_dir, node_name, tls_mode, backup_to, restore_from;
  std::uint64_t max_upload = 0;
  int node_heartbeat = 0, print_workers = 0;
  app.add_option("--config", config_file, "JSON file with the settings below (docs/server.md)");
  app.add_option("--data", data_dir, "Data directory: database and spooled documents");
  app.add_option("--listen", listen, "Address and port, e.g. 127.0.0.1:8631 or [::1]:8631");
  app.add_option("--db", database, "sqlite (default) or postgresql://user@host:port/database");
  app.add_option("--tls-cert", tls_cert, "PEM certificate: serve HTTPS only");
  app.add_option("--tls-key", tls_key, "PEM private key of the certificate");
  app.add_option("--tls", tls_mode,
                 "Without a certificate: auto (a self-signed one unless listening on loopback "
                 "only), self-signed, or off (plain HTTP)")
      ->check(CLI::IsMember({"auto", "self-signed", "off"}))
      // The unit's "--tls self-signed" gives way to one in PRINTLINE_SERVER_OPTS after it.
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--admin-password-file", admin_password_file,
                 "First start: the administrator's password (else one is generated and printed)");
  app.add_option("--max-upload", max_upload, "Largest accepted document in bytes");
  app.add_option("--log-level", log_level, "trace, debug, info, warn or error");
  std::string log_file;
  app.add_option("--log-file", log_file,
                 "Log to this file instead of standard error; reopened on SIGHUP (logrotate)");
  app.add_option("--web-dir", web_dir, "Web interface files (default: found beside the binary)");
  app.add_option("--print-workers", print_workers, "Jobs sent to printers at the same time");
  app.add_option("--node-name", node_name,
                 "This server's name among servers sharing one database (default host:port)");
  app.add_option("--node-heartbeat", node_heartbeat,
                 "Seconds between 'alive' marks in the database; silent 3x as long = stopped");
  auto* backup = app.add_subcommand(
      "backup", "Copy the database and the documents of unfinished jobs into one file (0600) "
                "while the server runs");
  backup->add_option("--to", backup_to,
                     "The backup file, or a directory for printline-backup-<time>.tar")
      ->required();
  backup->fallthrough();
  auto* restore = app.add_subcommand(
      "restore", "Bring a backup back into an empty data directory (the server stopped)");
  restore->add_option("--from", restore_from, "The backup file")->required();
  restore->fallthrough();
  app.require_subcommand(0, 1);
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
  if (!tls_mode.empty()) config.tls_mode = tls_mode;
  if (!admin_password_file.empty()) config.admin_password_file = admin_password_file;
  if (max_upload > 0) config.max_upload_bytes = max_upload;
  if (!log_level.empty()) config.log_level = log_level;
  if (!web_dir.empty()) config.web_dir = web_dir;
  if (print_workers > 0) config.print_workers = print_workers;
  if (!node_name.empty()) config.node_name = node_name;
  if (node_heartbeat > 0) config.node_heartbeat_seconds = node_heartbeat;
  if (!log_file.empty()) config.log_file = log_file;
  if (!printline::init_logging(config.log_level, config.log_file.string())) return 1;
  if (backup->parsed() || restore->parsed()) {
    return run_backup_command(config, backup_to, restore_from);
  }

  if (auto invalid = printline::server::validate(config)) {
    std::cerr << "printline-server: " << invalid->message << "\n";
    return 2;
  }
  // Serving holds the data directory against a restore (server/data_dir_lock.h).
  auto data_lock = printline::server::DataDirLock::take(
      config.data_dir, printline::server::DataDirLock::Mode::kServing);
  if (!data_lock.ok()) {
    std::cerr << "printline-server: " << data_lock.error().message << "\n";
    return 1;
  }
  auto tls = printline::server::prepare_tls(config);  // HTTPS by default (tls_bootstrap.h)
  if (!tls.ok()) {
    std::cerr << "printline-server: " << tls.error().message << "\n";
    return 1;
  }
  if (tls->generated) {
    std::cout << "Created a self-signed HTTPS certificate " << config.tls_cert.string()
              << " with its private key " << config.tls_key.string() << "\n";
  }
  if (tls->https) {
    // Clients compare this with what `printline login` shows before they pin it (D13).
    std::cout << "HTTPS certificate SHA256 fingerprint: " << tls->sha256_fingerprint
              << std::endl;
  }

  const printline::StopSignals stop_signals;  // before any thread starts
  const printline::ReopenLogOnHangup reopen_log;  // logrotate's SIGHUP, also before threads

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
