// printline — the command-line tool for users and administrators.

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>

#include "admin_command.h"
#include "analyze_command.h"
#include "client_commands.h"
#include "core/logging.h"
#include "exit_codes.h"
#include "login_command.h"
#include "send_command.h"
#include "server_session.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Printline: send documents to printers, see what a print job is, and administer "
      "the server."};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `admin users list --server …`
  std::string log_level = "off";  // the command prints its own outcome
  app.add_option("--log-level", log_level, "off, trace, debug, info, warn or error")
      ->capture_default_str();
  printline::cli::GlobalOptions global;
  printline::cli::add_global_options(app, global);

  std::function<int()> run;
  printline::cli::add_send_command(app, run);
  printline::cli::add_analyze_command(app, run);
  printline::cli::add_client_job_commands(app, run);
  printline::cli::add_client_printer_commands(app, run);
  printline::cli::add_login_command(app, global, run);
  printline::cli::add_logout_command(app, global, run);
  printline::cli::AdminCommand admin(global, run);
  printline::cli::add_admin_command(app, admin);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? printline::cli::kOk : printline::cli::kUsage;
  }
  printline::init_logging(log_level);
  return run();
}
