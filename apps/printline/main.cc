// printline — the command-line tool for users and administrators.

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>

#include "analyze_command.h"
#include "core/logging.h"
#include "exit_codes.h"
#include "send_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Printline: send documents to printers and see what a print job is."};
  app.require_subcommand(1);
  std::string log_level = "off";  // the command prints its own outcome
  app.add_option("--log-level", log_level, "off, trace, debug, info, warn or error")
      ->capture_default_str();

  std::function<int()> run;
  printline::cli::add_send_command(app, run);
  printline::cli::add_analyze_command(app, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? printline::cli::kOk : printline::cli::kUsage;
  }
  printline::init_logging(log_level);
  return run();
}
