// printers --fallback and fallback test: the desktop client's fallback printers, probed live.

#include <iostream>
#include <memory>

#include "client/control_protocol.h"
#include "client_commands.h"
#include "client_connection.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "output.h"

namespace printline::cli {

namespace {

using client::ControlCommand;
using client::ControlRequest;

std::string kind_of(const client::CandidateView& printer) {
  if (printer.large_format) {
    return printer.color ? tr("colour, large format") : tr("mono, large format");
  }
  return printer.color ? tr("colour") : tr("mono");
}

void add_printers(CLI::App& app, std::function<int()>& run) {
  struct Args {
    ClientOptions client;
    bool fallback = false;
    client::PrinterFilter filter;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "printers", tr("With --fallback: the fallback printers your desktop client may use"));
  command->add_flag("--fallback", args->fallback, tr("List the fallback printers (required)"));
  command->add_option("--search", args->filter.search, tr("Text in the name or location"));
  auto* color =
      command->add_flag("--color,--colour", args->filter.color, tr("Colour printers only"));
  auto* mono = command->add_flag("--mono", args->filter.mono, tr("Black & white printers only"));
  command->add_flag("--large-format", args->filter.large_format, tr("Large-format printers only"));
  color->excludes(mono);
  add_client_options(*command, args->client);
  command->callback([args, &run] {
    run = [args] {
      if (!args->fallback) {
        std::cerr << "printline printers: "
                  << tr("add --fallback to list your desktop client's fallback printers; the "
                        "server's printers are under `printline admin printers list`.")
                  << "\n";
        return static_cast<int>(kUsage);
      }
      ControlRequest request;
      request.command = ControlCommand::kPrinters;
      request.filter = args->filter;
      int code = kOk;
      auto answer = ask_client("printers", args->client, request, &code);
      if (!answer) return code;
      if (args->client.json) {
        print_json(std::cout, (*answer)["printers"]);
        return static_cast<int>(kOk);
      }
      Table table({tr("PRINTER"), tr("LOCATION"), tr("TYPE"), tr("REACHABLE"), tr("USED"),
                   tr("NOTE")});
      for (const auto& p : (*answer)["printers"]) {
        const auto printer = p.get<client::CandidateView>();
        std::string used = printer.last_choice  ? tr("last choice")
                           : printer.in_history ? yes_no(true)
                                                : "-";
        table.add_row({printer.name, printer.location.empty() ? "-" : printer.location,
                       kind_of(printer), yes_no(printer.reachable), used,
                       printer.note.empty() ? "-" : printer.note});
      }
      table.print(std::cout);
      return static_cast<int>(kOk);
    };
  });
}

void add_fallback_test(CLI::App& app, std::function<int()>& run) {
  struct Args {
    ClientOptions client;
    bool send_test_page = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* fallback =
      app.add_subcommand("fallback", tr("Fallback printing from this workstation"));
  fallback->require_subcommand(1);
  CLI::App* command =
      fallback->add_subcommand("test", tr("Probe every fallback printer from this workstation"));
  command->add_flag("--send-test-page", args->send_test_page,
                    tr("Send a one-page test job to each reachable printer"));
  add_client_options(*command, args->client);
  command->callback([args, &run] {
    run = [args] {
      ControlRequest request;
      request.command = ControlCommand::kFallbackTest;
      request.send_test_page = args->send_test_page;
      int code = kOk;
      auto answer = ask_client("fallback test", args->client, request, &code);
      if (!answer) return code;
      bool all_ready = true;
      Table table({tr("PRINTER"), tr("ADDRESS"), tr("REACHABLE"), tr("TEST PAGE"), tr("MESSAGE")});
      for (const auto& r : (*answer)["rows"]) {
        const auto row = r.get<client::FallbackTestRow>();
        if (!row.reachable || (row.accepted && !*row.accepted)) all_ready = false;
        table.add_row({row.printer, row.target_uri.empty() ? "-" : row.target_uri,
                       yes_no(row.reachable),
                       row.accepted ? (*row.accepted ? tr("accepted") : tr("rejected")) : "-",
                       row.message.empty() ? "-" : row.message});
      }
      if (args->client.json) {
        print_json(std::cout, (*answer)["rows"]);
      } else {
        table.print(std::cout);
      }
      return static_cast<int>(all_ready ? kOk : kFallbackTestFailed);
    };
  });
}

}  // namespace

void add_client_printer_commands(CLI::App& app, std::function<int()>& run) {
  add_printers(app, run);
  add_fallback_test(app, run);
}

}  // namespace printline::cli
