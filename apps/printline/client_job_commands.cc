// print, jobs, status, choose, cancel, retry, events: a job's life in the desktop client.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "client/control_protocol.h"
#include "client_commands.h"
#include "client_connection.h"
#include "core/date_time_text.h"
#include "core/i18n.h"
#include "exit_codes.h"
#include "model/job_ticket.h"
#include "output.h"
#include "print_options.h"
#include "server_job_commands.h"
#include "yes_answer.h"

namespace printline::cli {

namespace {

using client::ControlCommand;
using client::ControlRequest;
using nlohmann::json;

ControlRequest request_for(ControlCommand command, std::string job = {}) {
  ControlRequest request;
  request.command = command;
  request.job = std::move(job);
  return request;
}

std::string short_uuid(const std::string& uuid) { return uuid.substr(0, 8); }

std::string pages_of(const client::JobView& job) {
  if (!job.counts) return "-";
  const auto pages = std::to_string(job.counts->total_pages());
  return job.counts->color_pages > 0 ? trf("{pages} (colour)", fmt::arg("pages", pages)) : pages;
}

void print_job(std::ostream& out, const client::JobView& job) {
  Fields fields = {{tr("job"), job.uuid},
                   {tr("title"), job.title},
                   {tr("state"), client::job_state_text(job.state)},
                   {tr("reason"), job.reason.empty() ? "-" : job.reason},
                   {tr("printer"), job.printer.empty() ? "-" : job.printer},
                   {tr("pages"), pages_of(job)},
                   {tr("copies"), std::to_string(job.copies)},
                   {tr("asked"), model::describe(job.ticket)},
                   {tr("estimated cost"), money(job.estimated_cost_cents)},
                   {tr("received"), date_time_text(job.received_at)}};
  if (job.printed_at) fields.push_back({tr("printed"), date_time_text(*job.printed_at)});
  if (job.may_be_counted_twice) {
    fields.push_back(
        {tr("warning"),
         tr("the printer may count this job too (Kyocera without a device spooling port)")});
  }
  print_fields(out, fields);
}

// Prints the job of an answer, or its JSON.
int show_job_answer(const json& answer, const ClientOptions& options) {
  if (options.json) {
    print_json(std::cout, answer["job"]);
  } else {
    // The estimated cost in the server's currency, as the desktop client last heard it.
    int code = kOk;
    if (auto status = ask_client("status", options, request_for(ControlCommand::kStatus), &code)) {
      set_money_currency((*status)["status"].value("currency", ""));
    }
    print_job(std::cout, answer["job"].get<client::JobView>());
  }
  return kOk;
}

void add_print(CLI::App& app, std::function<int()>& run) {
  struct Args {
    ClientOptions client;
    std::string file;
    std::string title;
    std::string format;
    std::optional<int> copies;
    std::vector<std::string> options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command =
      app.add_subcommand("print", tr("Print FILE through the desktop client (server or fallback)"));
  command->add_option("FILE", args->file, tr("The document; - reads standard input"))->required();
  command->add_option("-n,--copies", args->copies, tr("Copies, 1-999 (lp's -n)"))
      ->check(CLI::Range(1, 999));
  command
      ->add_option(
          "-o,--option", args->options,
          tr("A print option as lp's -o NAME=VALUE, repeatable: sides=two-sided-long-edge, "
             "print-color-mode=monochrome, media=A4, page-ranges=1-3, number-up=2, "
             "orientation-requested=landscape, print-quality=high, finishings=staple, "
             "collate=false (docs/cli.md)"))
      ->allow_extra_args(false);
  command->add_option("--title", args->title, tr("Job name (default: the file name)"));
  command->add_option("--format", args->format, tr("Document MIME type (default: detected)"));
  add_client_options(*command, args->client);
  command->callback([args, &run] {
    run = [args] {
      // The ticket first: a mistyped option is refused before anything is sent (D11).
      auto ticket = ticket_from_print_options(args->options, args->copies);
      if (!ticket.ok()) {
        std::cerr << "printline print: " << ticket.error().message << "\n";
        return static_cast<int>(kInvalidRequest);
      }
      // The client reads the document through this descriptor: nothing is copied.
      // "-" is standard input (a pipe works: the client reads it to its end).
      const bool from_stdin = args->file == "-";
      const int fd =
          from_stdin ? ::dup(STDIN_FILENO) : ::open(args->file.c_str(), O_RDONLY | O_CLOEXEC);
      struct stat info {};
      if (fd < 0 || ::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        const std::string why = fd >= 0 ? tr("it is a directory") : std::strerror(errno);
        if (fd >= 0) ::close(fd);
        std::cerr << "printline print: "
                  << trf("cannot read {file}: {reason}; give the path of a document you may "
                         "read.",
                         fmt::arg("file", args->file), fmt::arg("reason", why))
                  << "\n";
        return static_cast<int>(kInvalidRequest);
      }
      ControlRequest request = request_for(ControlCommand::kSubmit);
      request.submit.title = !args->title.empty() ? args->title
                             : from_stdin         ? std::string("stdin")
                                          : std::filesystem::path(args->file).filename().string();
      request.submit.document_format = args->format;
      request.submit.ticket = *ticket;
      request.submit.copies = ticket->copies;
      request.submit.submitted_by = "cli";
      int code = kOk;
      auto answer = ask_client("print", args->client, request, &code, fd);
      ::close(fd);
      if (!answer) return code;
      if (args->client.json) {
        print_json(std::cout, (*answer)["job"]);
      } else {
        const auto job = (*answer)["job"].get<client::JobView>();
        std::cout << (job.reason.empty()
                          ? trf("Job {job} received.", fmt::arg("job", job.uuid))
                          : trf("Job {job} received: {reason}", fmt::arg("job", job.uuid),
                                fmt::arg("reason", job.reason)))
                  << "\n";
      }
      return static_cast<int>(kOk);
    };
  });
}

// The flag that makes `jobs` and `cancel` talk to the server rather than the desktop client.
// It shadows the global --server URL for them: the server is the one logged in to, or
// $PRINTLINE_SERVER.
void add_server_switch(CLI::App& command, bool& on_server) {
  command.add_flag("--server", on_server,
                   tr("Your jobs on the server (held, printed…), with the login saved by "
                      "printline login"));
}

void add_jobs(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
  auto options = std::make_shared<ClientOptions>();
  auto on_server = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand("jobs", tr("The desktop client's jobs, newest first"));
  add_client_options(*command, *options);
  add_server_switch(*command, *on_server);
  command->callback([options, on_server, &global, &run] {
    run = [options, on_server, &global] {
      if (*on_server) return list_my_server_jobs(global, options->json);
      int code = kOk;
      auto answer = ask_client("jobs", *options, request_for(ControlCommand::kJobs), &code);
      if (!answer) return code;
      if (options->json) {
        print_json(std::cout, (*answer)["jobs"]);
        return static_cast<int>(kOk);
      }
      Table table({tr("JOB"), tr("STATE"), tr("TITLE"), tr("PRINTER"), tr("PAGES"), tr("ASKED"),
                   tr("RECEIVED"), tr("REASON")});
      for (const auto& j : (*answer)["jobs"]) {
        const auto job = j.get<client::JobView>();
        table.add_row({short_uuid(job.uuid), client::job_state_text(job.state),
                       job.title, job.printer.empty() ? "-" : job.printer, pages_of(job),
                       model::describe(job.ticket), date_time_text(job.received_at),
                       job.reason.empty() ? "-" : job.reason});
      }
      table.print(std::cout);
      return static_cast<int>(kOk);
    };
  });
}

void add_status(CLI::App& app, std::function<int()>& run) {
  auto options = std::make_shared<ClientOptions>();
  CLI::App* command =
      app.add_subcommand("status", tr("The desktop client: server online, login, profile, jobs"));
  add_client_options(*command, *options);
  command->callback([options, &run] {
    run = [options] {
      int code = kOk;
      auto answer = ask_client("status", *options, request_for(ControlCommand::kStatus), &code);
      if (!answer) return code;
      if (options->json) {
        print_json(std::cout, (*answer)["status"]);
        return static_cast<int>(kOk);
      }
      const auto s = (*answer)["status"].get<client::StatusView>();
      set_money_currency(s.currency);
      Fields fields = {
          {tr("server"), std::string(s.online ? tr("online") : tr("offline")) +
                             (s.server.empty() ? std::string() : " (" + s.server + ")")},
          {tr("last contact"),
           s.last_contact ? date_time_text(*s.last_contact) : tr("never")},
          {tr("user"), s.user_login.empty()
                           ? "-"
                           : s.user_login + (s.user_name.empty() ? "" : " (" + s.user_name + ")")},
          {tr("logged in"), yes_no(s.logged_in)},
          {tr("balance"), money(s.balance_cents)},
          {tr("quota"), s.quota.empty() ? "-" : s.quota},
          {tr("profile"), s.profile_name.empty()
                              ? "-"
                              : trf("{profile} (version {version})",
                                    fmt::arg("profile", s.profile_name),
                                    fmt::arg("version", s.profile_version))},
          {tr("fallback printing"), s.fallback_enabled ? tr("on") : tr("off")},
          {tr("waiting for your choice"), std::to_string(s.jobs_waiting_for_choice)},
          {tr("waiting for the server"), std::to_string(s.jobs_waiting_for_server)},
          {tr("printed offline, not yet accounted"), std::to_string(s.jobs_awaiting_accounting)}};
      if (!s.last_error.empty()) fields.push_back({tr("last error"), s.last_error});
      print_fields(std::cout, fields);
      return static_cast<int>(kOk);
    };
  });
}

// choose, cancel and retry: one job in, the job's new state out.
void add_job_action(CLI::App& app, GlobalOptions& global, std::function<int()>& run,
                    const std::string& name, const std::string& description,
                    ControlCommand action) {
  struct Args {
    ClientOptions client;
    std::string job;
    std::string printer;
    bool yes = false;
    bool on_server = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(name, description);
  command->add_option("JOB", args->job, tr("The job's UUID, or its first characters"))->required();
  if (action == ControlCommand::kChoose) {
    command->add_option("PRINTER", args->printer, tr("Fallback printer name or id"))->required();
  }
  if (action == ControlCommand::kCancel) {
    command->add_flag("--yes,-y", args->yes, tr("Do not ask for confirmation"));
    add_server_switch(*command, args->on_server);
  }
  add_client_options(*command, args->client);
  command->callback([args, action, name, &global, &run] {
    run = [args, action, name, &global] {
      if (action == ControlCommand::kCancel && !args->yes) {
        if (!::isatty(STDIN_FILENO)) {
          std::cerr << "printline cancel: "
                    << tr("cancelling deletes the job; add --yes to confirm when not on a "
                          "terminal.")
                    << "\n";
          return static_cast<int>(kUsage);
        }
        // TRANSLATORS: y/N are the answers the prompt takes; translate "y" and "yes" below too.
        std::cout << trf("Cancel job {job}? It will not be printed. [y/N] ",
                         fmt::arg("job", args->job))
                  << std::flush;
        std::string reply;
        std::getline(std::cin, reply);
        if (!is_yes_answer(reply)) {
          std::cout << tr("Kept the job.") << "\n";
          return static_cast<int>(kOk);
        }
      }
      if (args->on_server) return cancel_my_server_job(global, args->job, args->client.json);
      ControlRequest request = request_for(action, args->job);
      request.printer = args->printer;
      int code = kOk;
      auto answer = ask_client(name, args->client, request, &code);
      if (!answer) return code;
      return show_job_answer(*answer, args->client);
    };
  });
}

std::string event_text(const client::ClientEvent& event) {
  std::string line = std::string(client::event_kind_name(event.kind));
  if (event.job) {
    line += " " + short_uuid(event.job->uuid) + " " +
            std::string(client::job_state_name(event.job->state));
  }
  if (event.status) line += event.status->online ? " online" : " offline";
  if (!event.title.empty()) line += ": " + event.title;
  if (!event.message.empty()) line += " — " + event.message;
  if (event.kind == client::ClientEvent::Kind::kJobChanged && event.job &&
      !event.job->reason.empty()) {
    line += " — " + event.job->reason;
  }
  if (!event.candidates.empty()) {
    line += " [";
    for (std::size_t i = 0; i < event.candidates.size(); ++i) {
      line += (i ? ", " : "") + event.candidates[i].name;
    }
    line += "]";
  }
  return line;
}

void add_events(CLI::App& app, std::function<int()>& run) {
  auto options = std::make_shared<ClientOptions>();
  CLI::App* command = app.add_subcommand(
      "events", tr("Follow the desktop client's events (notifications, prompts, job changes)"));
  add_client_options(*command, *options);
  command->callback([options, &run] {
    run = [options] {
      auto connection = client::ControlSocketClient::connect(options->socket_path());
      if (!connection.ok()) return report("events", connection.error());
      auto subscribed = connection->request(request_for(ControlCommand::kSubscribe));
      if (!subscribed.ok()) return report("events", subscribed.error());
      for (;;) {
        auto event = connection->next_event();
        if (!event.ok()) return report("events", event.error());
        if (!event->has_value()) {
          std::cerr << "printline events: " << tr("the Printline client stopped.") << "\n";
          return static_cast<int>(kClientNotRunning);
        }
        if (options->json) {
          std::cout << json(**event).dump(-1, ' ', false, json::error_handler_t::replace)
                    << std::endl;
        } else {
          std::cout << event_text(**event) << std::endl;  // flushed: tests read line by line
        }
      }
    };
  });
}

}  // namespace

void add_client_job_commands(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
  add_print(app, run);
  add_jobs(app, global, run);
  add_status(app, run);
  add_release_command(app, global, run);
  add_job_action(app, global, run, "choose", tr("Print a waiting job on this fallback printer"),
                 ControlCommand::kChoose);
  add_job_action(app, global, run, "cancel",
                 tr("Cancel a job of the desktop client (--server: one of yours on the server)"),
                 ControlCommand::kCancel);
  add_job_action(app, global, run, "retry",
                 tr("Keep a job and send it to the server as soon as one answers"),
                 ControlCommand::kRetry);
  add_events(app, run);
}

}  // namespace printline::cli
