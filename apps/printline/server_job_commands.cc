#include "server_job_commands.h"

#include <iostream>
#include <memory>

#include "api_failure.h"
#include "core/i18n.h"
#include "core/job_uuid.h"
#include "exit_codes.h"
#include "model/job.h"
#include "model/json_number.h"
#include "output.h"

namespace printline::cli {

std::string server_state_text(const std::string& state) {
  const auto known = model::state_from_name(state);
  if (!known) return state;
  switch (*known) {
    case model::JobState::kPending: return tr("waiting to print");
    case model::JobState::kHeld: return tr("held");
    case model::JobState::kPrinting: return tr("printing");
    case model::JobState::kPrinted: return tr("printed");
    case model::JobState::kFailed: return tr("failed");
    case model::JobState::kCancelled: return tr("cancelled");
  }
  return state;
}

namespace {

// One page of the user's newest jobs is what people pick from by prefix.
api_client::ApiResult<api_client::ApiResponse> my_jobs(api_client::ApiClient& client) {
  return client.request("GET", "/me/jobs?limit=1000");
}

// A whole UUID as it is; the first characters of one of the user's jobs as its UUID. Anything
// else never reaches a request path.
Result<std::string> resolve_job(api_client::ApiClient& client, const std::string& reference) {
  if (is_valid_job_uuid(reference)) return reference;
  if (reference.size() < 4) {
    return Error{trf("\"{job}\" is too short to name a job: give at least its first 4 characters.",
                     fmt::arg("job", reference))};
  }
  auto answer = my_jobs(client);
  if (!answer.ok()) return Error{answer.error().message};
  std::vector<std::string> matches;
  for (const auto& job : answer->body.value("jobs", nlohmann::json::array())) {
    const std::string uuid = job.value("uuid", "");
    if (uuid.rfind(reference, 0) == 0) matches.push_back(uuid);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return Error{trf("None of your jobs on the server starts with \"{job}\": printline jobs "
                     "--server lists them.",
                     fmt::arg("job", reference))};
  }
  return Error{trf("Several of your jobs start with \"{job}\": give more of its UUID.",
                   fmt::arg("job", reference))};
}

void print_job_line(const nlohmann::json& job) {
  std::cout << trf("Job {job} ({title}): {state}.", fmt::arg("job", field_text(job, "uuid")),
                   fmt::arg("title", field_text(job, "title")),
                   fmt::arg("state", field_text(job, "state")))
            << "\n";
}

// Connects with the saved login; the exit code when that fails.
std::unique_ptr<api_client::ApiClient> logged_in(const GlobalOptions& global,
                                                 const std::string& command, int& code) {
  auto client = connect(global);
  if (!client.ok()) {
    code = report_local_failure(command, client.error().message, kNotLoggedIn);
    return nullptr;
  }
  return std::move(*client);
}

int act_on_job(const GlobalOptions& global, const std::string& command,
               const std::string& reference, const std::string& action,
               const nlohmann::json& body, bool json) {
  int code = kOk;
  auto client = logged_in(global, command, code);
  if (!client) return code;
  auto uuid = resolve_job(*client, reference);
  if (!uuid.ok()) return report_local_failure(command, uuid.error().message, kRefusedByServer);
  auto answer = client->request("POST", "/jobs/" + *uuid + "/" + action, body);
  if (!answer.ok()) return report_failure(command, answer.error());
  if (json) {
    print_json(std::cout, answer->body);
  } else {
    print_job_line(answer->body);
  }
  return kOk;
}

}  // namespace

int list_my_server_jobs(const GlobalOptions& global, bool json) {
  int code = kOk;
  auto client = logged_in(global, "jobs", code);
  if (!client) return code;
  auto answer = my_jobs(*client);
  if (!answer.ok()) return report_failure("jobs", answer.error());
  const auto jobs = answer->body.value("jobs", nlohmann::json::array());
  if (json) {
    print_json(std::cout, jobs);
    return kOk;
  }
  learn_server_currency(*client);
  Table table({tr("JOB"), tr("STATE"), tr("TITLE"), tr("PAGES"), tr("COST"), tr("ASKED"),
               tr("SUBMITTED"), tr("OUTCOME")});
  for (const auto& j : jobs) {
    table.add_row({field_text(j, "uuid").substr(0, 8), server_state_text(field_text(j, "state")),
                   field_text(j, "title"), field_text(j, "pages"),
                   money(model::integer_or(j, "cost_cents", std::int64_t{0})),
                   j.value("ticket_text", std::string("-")), time_field_text(j, "submitted_at"),
                   field_text(j, "outcome")});
  }
  table.print(std::cout);
  return kOk;
}

int cancel_my_server_job(const GlobalOptions& global, const std::string& job, bool json) {
  return act_on_job(global, "cancel", job, "cancel", nlohmann::json::object(), json);
}

void add_release_command(CLI::App& app, GlobalOptions& global, std::function<int()>& run) {
  struct Args {
    std::string job, printer;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand(
      "release", tr("Print one of your held jobs on the server at this printer"));
  command->add_option("JOB", args->job, tr("The job's UUID, or its first characters"))
      ->required();
  command->add_option("--printer", args->printer, tr("Printer name or id"))->required();
  command->add_flag("--json", args->json, tr("Print the server's JSON answer (for scripts)"));
  command->callback([args, &global, &run] {
    run = [args, &global] {
      const bool is_id = args->printer.find_first_not_of("0123456789") == std::string::npos;
      const nlohmann::json body = {{"printer", is_id ? nlohmann::json(std::stoll(args->printer))
                                                     : nlohmann::json(args->printer)}};
      return act_on_job(global, "release", args->job, "release", body, args->json);
    };
  });
}

}  // namespace printline::cli
