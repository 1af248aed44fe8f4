// printline — the command-line tool for users and administrators.

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>

#include "admin_command.h"
#include "analyze_command.h"
#include "client_commands.h"
#include "core/i18n.h"
#include "core/logging.h"
#include "exit_codes.h"
#include "login_command.h"
#include "parse_error_text.h"
#include "send_command.h"
#include "server_session.h"

namespace {

// CLI11's own words (headings, the help flag) in the user's language too. Subcommands made
// after this inherit the help flag and the formatter; their group heading is set after.
void translate_cli11(CLI::App& app) {
  app.set_help_flag("-h,--help", printline::tr("Print this help message and exit"));
  const auto formatter = app.get_formatter();
  formatter->label("Usage", printline::tr("Usage"));
  formatter->label("OPTIONS", printline::tr("OPTIONS"));
  formatter->label("Positionals", printline::tr("Positionals"));
  formatter->label("REQUIRED", printline::tr("REQUIRED"));
  formatter->label("Needs", printline::tr("Needs"));
  formatter->label("Excludes", printline::tr("Excludes"));
  app.option_defaults()->group(printline::tr("Options"));
  app.failure_message(printline::cli::parse_error_text);
}

void translate_subcommand_headings(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->group(printline::tr("Subcommands"));
    translate_subcommand_headings(*sub);
  }
}

}  // namespace

int main(int argc, char** argv) {
  printline::i18n::init_translations();  // before any text is built
  CLI::App app{
      printline::tr("Printline: send documents to printers, see what a print job is, "
                    "and administer the server.")};
  translate_cli11(app);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `admin users list --server …`
  std::string log_level = "off";  // the command prints its own outcome
  app.add_option("--log-level", log_level, printline::tr("off, trace, debug, info, warn or error"))
      ->capture_default_str();
  printline::cli::GlobalOptions global;
  printline::cli::add_global_options(app, global);

  std::function<int()> run;
  printline::cli::add_send_command(app, run);
  printline::cli::add_analyze_command(app, run);
  printline::cli::add_client_job_commands(app, global, run);
  printline::cli::add_client_printer_commands(app, run);
  printline::cli::add_login_command(app, global, run);
  printline::cli::add_logout_command(app, global, run);
  printline::cli::AdminCommand admin(global, run);
  printline::cli::add_admin_command(app, admin);

  translate_subcommand_headings(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? printline::cli::kOk : printline::cli::kUsage;
  }
  printline::init_logging(log_level);
  return run();
}
