// JSON of the control protocol. Field names are the contract's member names; timestamps are
// ISO 8601 UTC like the REST API; enums are their lower-case dashed names.

#include "client/control_protocol.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "model/paper_size.h"

namespace printline::client {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<ControlCommand, std::string_view>, 11> kCommands = {{
    {ControlCommand::kSubmit, "submit"},
    {ControlCommand::kStatus, "status"},
    {ControlCommand::kJobs, "jobs"},
    {ControlCommand::kJob, "job"},
    {ControlCommand::kChoose, "choose"},
    {ControlCommand::kCancel, "cancel"},
    {ControlCommand::kRetry, "retry"},
    {ControlCommand::kLogin, "login"},
    {ControlCommand::kPrinters, "printers"},
    {ControlCommand::kFallbackTest, "fallback-test"},
    {ControlCommand::kSubscribe, "subscribe"},
}};

constexpr std::array<std::pair<ClientEvent::Kind, std::string_view>, 5> kEventKinds = {{
    {ClientEvent::Kind::kJobChanged, "job-changed"},
    {ClientEvent::Kind::kNotification, "notification"},
    {ClientEvent::Kind::kPrompt, "prompt"},
    {ClientEvent::Kind::kPromptWithdrawn, "prompt-withdrawn"},
    {ClientEvent::Kind::kOnlineChanged, "online-changed"},
}};

json time_json(const std::optional<model::Timestamp>& t) {
  if (!t || t->time_since_epoch().count() == 0) return nullptr;
  return model::format_timestamp(*t);
}

// Reads an optional timestamp field; absent, null or unparsable leaves the default.
std::optional<model::Timestamp> time_field(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return model::parse_timestamp(it->get<std::string>());
}

template <typename T>
void read(const json& j, const char* key, T& value) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) it->get_to(value);
}

json counts_json(const model::PageCounts& counts) {
  return {{"pages", counts.pages},
          {"color_pages", counts.color_pages},
          {"paper", std::string(model::paper_name(counts.paper))},
          {"duplex", counts.duplex},
          {"copies", counts.copies}};
}

model::PageCounts counts_from(const json& j) {
  model::PageCounts counts;
  read(j, "pages", counts.pages);
  read(j, "color_pages", counts.color_pages);
  if (auto it = j.find("paper"); it != j.end() && it->is_string()) {
    counts.paper = model::paper_from_name(it->get<std::string>()).value_or(model::PaperSize::kA4);
  }
  read(j, "duplex", counts.duplex);
  read(j, "copies", counts.copies);
  return counts;
}

// A required string field of a request, or the sentence that says it is missing.
Result<std::string> required_string(const json& j, const char* key, std::string_view command) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
    return Error{fmt::format("The \"{}\" request needs a non-empty text field \"{}\"; see "
                             "docs/control-socket.md.",
                             command, key)};
  }
  return it->get<std::string>();
}

}  // namespace

std::string_view control_command_name(ControlCommand command) {
  for (const auto& [value, name] : kCommands) {
    if (value == command) return name;
  }
  return "status";
}

std::string_view event_kind_name(ClientEvent::Kind kind) {
  for (const auto& [value, name] : kEventKinds) {
    if (value == kind) return name;
  }
  return "job-changed";
}

void to_json(json& j, const JobView& job) {
  j = {{"uuid", job.uuid},
       {"title", job.title},
       {"document_format", job.document_format},
       {"copies", job.copies},
       {"size_bytes", job.size_bytes},
       {"state", std::string(job_state_name(job.state))},
       {"reason", job.reason},
       {"printer", job.printer},
       {"counts", job.counts ? counts_json(*job.counts) : json(nullptr)},
       {"estimated_cost_cents", job.estimated_cost_cents},
       {"may_be_counted_twice", job.may_be_counted_twice},
       {"received_at", time_json(job.received_at)},
       {"updated_at", time_json(job.updated_at)},
       {"printed_at", time_json(job.printed_at)}};
}

void from_json(const json& j, JobView& job) {
  read(j, "uuid", job.uuid);
  read(j, "title", job.title);
  read(j, "document_format", job.document_format);
  read(j, "copies", job.copies);
  read(j, "size_bytes", job.size_bytes);
  if (auto it = j.find("state"); it != j.end() && it->is_string()) {
    job.state = job_state_from_name(it->get<std::string>()).value_or(JobState::kReceived);
  }
  read(j, "reason", job.reason);
  read(j, "printer", job.printer);
  if (auto it = j.find("counts"); it != j.end() && it->is_object()) job.counts = counts_from(*it);
  read(j, "estimated_cost_cents", job.estimated_cost_cents);
  read(j, "may_be_counted_twice", job.may_be_counted_twice);
  job.received_at = time_field(j, "received_at").value_or(model::Timestamp{});
  job.updated_at = time_field(j, "updated_at").value_or(model::Timestamp{});
  job.printed_at = time_field(j, "printed_at");
}

void to_json(json& j, const CandidateView& c) {
  j = {{"printer_id", c.printer_id}, {"name", c.name},
       {"location", c.location},     {"color", c.color},
       {"large_format", c.large_format}, {"in_history", c.in_history},
       {"last_choice", c.last_choice},   {"reachable", c.reachable},
       {"target_uri", c.target_uri},     {"may_be_counted_twice", c.may_be_counted_twice},
       {"note", c.note}};
}

void from_json(const json& j, CandidateView& c) {
  read(j, "printer_id", c.printer_id);
  read(j, "name", c.name);
  read(j, "location", c.location);
  read(j, "color", c.color);
  read(j, "large_format", c.large_format);
  read(j, "in_history", c.in_history);
  read(j, "last_choice", c.last_choice);
  read(j, "reachable", c.reachable);
  read(j, "target_uri", c.target_uri);
  read(j, "may_be_counted_twice", c.may_be_counted_twice);
  read(j, "note", c.note);
}

void to_json(json& j, const StatusView& s) {
  j = {{"online", s.online},
       {"server", s.server},
       {"user_login", s.user_login},
       {"user_name", s.user_name},
       {"logged_in", s.logged_in},
       {"balance_cents", s.balance_cents},
       {"quota", s.quota},
       {"profile_name", s.profile_name},
       {"profile_version", s.profile_version},
       {"fallback_enabled", s.fallback_enabled},
       {"jobs_waiting_for_choice", s.jobs_waiting_for_choice},
       {"jobs_waiting_for_server", s.jobs_waiting_for_server},
       {"jobs_awaiting_accounting", s.jobs_awaiting_accounting},
       {"last_contact", time_json(s.last_contact)},
       {"last_error", s.last_error}};
}

void from_json(const json& j, StatusView& s) {
  read(j, "online", s.online);
  read(j, "server", s.server);
  read(j, "user_login", s.user_login);
  read(j, "user_name", s.user_name);
  read(j, "logged_in", s.logged_in);
  read(j, "balance_cents", s.balance_cents);
  read(j, "quota", s.quota);
  read(j, "profile_name", s.profile_name);
  read(j, "profile_version", s.profile_version);
  read(j, "fallback_enabled", s.fallback_enabled);
  read(j, "jobs_waiting_for_choice", s.jobs_waiting_for_choice);
  read(j, "jobs_waiting_for_server", s.jobs_waiting_for_server);
  read(j, "jobs_awaiting_accounting", s.jobs_awaiting_accounting);
  s.last_contact = time_field(j, "last_contact");
  read(j, "last_error", s.last_error);
}

void to_json(json& j, const FallbackTestRow& row) {
  j = {{"printer", row.printer},
       {"target_uri", row.target_uri},
       {"reachable", row.reachable},
       {"accepted", row.accepted ? json(*row.accepted) : json(nullptr)},
       {"message", row.message}};
}

void from_json(const json& j, FallbackTestRow& row) {
  read(j, "printer", row.printer);
  read(j, "target_uri", row.target_uri);
  read(j, "reachable", row.reachable);
  if (auto it = j.find("accepted"); it != j.end() && it->is_boolean()) {
    row.accepted = it->get<bool>();
  }
  read(j, "message", row.message);
}

void to_json(json& j, const ClientEvent& event) {
  j = {{"kind", std::string(event_kind_name(event.kind))},
       {"job", event.job ? json(*event.job) : json(nullptr)},
       {"title", event.title},
       {"message", event.message},
       {"candidates", event.candidates},
       {"status", event.status ? json(*event.status) : json(nullptr)}};
}

void from_json(const json& j, ClientEvent& event) {
  if (auto it = j.find("kind"); it != j.end() && it->is_string()) {
    const auto name = it->get<std::string>();
    for (const auto& [value, kind_name] : kEventKinds) {
      if (kind_name == name) event.kind = value;
    }
  }
  if (auto it = j.find("job"); it != j.end() && it->is_object()) event.job = it->get<JobView>();
  read(j, "title", event.title);
  read(j, "message", event.message);
  read(j, "candidates", event.candidates);
  if (auto it = j.find("status"); it != j.end() && it->is_object()) {
    event.status = it->get<StatusView>();
  }
}

void to_json(json& j, const PrinterFilter& f) {
  j = {{"search", f.search}, {"color", f.color}, {"mono", f.mono}, {"large_format", f.large_format}};
}

void from_json(const json& j, PrinterFilter& f) {
  read(j, "search", f.search);
  read(j, "color", f.color);
  read(j, "mono", f.mono);
  read(j, "large_format", f.large_format);
}

void to_json(json& j, const SubmitRequest& r) {
  j = {{"title", r.title},
       {"document_format", r.document_format},
       {"copies", r.copies},
       {"submitted_by", r.submitted_by}};
}

void from_json(const json& j, SubmitRequest& r) {
  read(j, "title", r.title);
  read(j, "document_format", r.document_format);
  read(j, "copies", r.copies);
  read(j, "submitted_by", r.submitted_by);
}

Result<ControlRequest> parse_request_line(std::string_view line) {
  if (line.size() > kMaxRequestLine) {
    return Error{fmt::format("The request line is longer than {} bytes; a document is passed "
                             "as a file descriptor, never inside the request.",
                             kMaxRequestLine)};
  }
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Error{"The request is not a JSON object on one line; send e.g. "
                 "{\"command\":\"status\"} followed by a newline."};
  }
  auto command_field = j.find("command");
  if (command_field == j.end() || !command_field->is_string()) {
    return Error{"The request has no \"command\"; send e.g. {\"command\":\"status\"}."};
  }
  const auto name = command_field->get<std::string>();
  ControlRequest request;
  bool known = false;
  for (const auto& [value, command_name] : kCommands) {
    if (command_name == name) {
      request.command = value;
      known = true;
    }
  }
  if (!known) {
    return Error{fmt::format("\"{}\" is not a command of the Printline client; the commands "
                             "are listed in docs/control-socket.md.",
                             name.substr(0, 64))};
  }
  try {
    switch (request.command) {
      case ControlCommand::kSubmit:
        from_json(j, request.submit);
        if (request.submit.copies < 1 || request.submit.copies > 999) {
          return Error{"copies must be between 1 and 999."};
        }
        break;
      case ControlCommand::kJob:
      case ControlCommand::kCancel:
      case ControlCommand::kRetry: {
        auto job = required_string(j, "job", name);
        if (!job) return job.error();
        request.job = *job;
        break;
      }
      case ControlCommand::kChoose: {
        auto job = required_string(j, "job", name);
        if (!job) return job.error();
        auto printer = required_string(j, "printer", name);
        if (!printer) return printer.error();
        request.job = *job;
        request.printer = *printer;
        break;
      }
      case ControlCommand::kLogin: {
        auto login = required_string(j, "login", name);
        if (!login) return login.error();
        auto password = required_string(j, "password", name);
        if (!password) return password.error();
        request.login = *login;
        request.password = *password;
        break;
      }
      case ControlCommand::kPrinters:
        from_json(j, request.filter);
        break;
      case ControlCommand::kFallbackTest:
        read(j, "send_test_page", request.send_test_page);
        break;
      case ControlCommand::kSubscribe:
        if (auto as = j.find("as"); as != j.end() && !as->is_null()) {
          if (!as->is_string() || (*as != "desktop-app" && *as != "")) {
            return Error{"\"as\" of a subscribe request may only be \"desktop-app\" (a "
                         "program that shows the notifications itself); leave it out "
                         "otherwise."};
          }
          request.desktop_app = *as == "desktop-app";
        }
        break;
      case ControlCommand::kStatus:
      case ControlCommand::kJobs:
        break;
    }
  } catch (const json::exception&) {
    return Error{fmt::format("A field of the \"{}\" request has the wrong type; see "
                             "docs/control-socket.md.",
                             name)};
  }
  return request;
}

std::string request_line(const ControlRequest& request) {
  json j = {{"command", std::string(control_command_name(request.command))}};
  switch (request.command) {
    case ControlCommand::kSubmit:
      j.update(json(request.submit));
      break;
    case ControlCommand::kJob:
    case ControlCommand::kCancel:
    case ControlCommand::kRetry:
      j["job"] = request.job;
      break;
    case ControlCommand::kChoose:
      j["job"] = request.job;
      j["printer"] = request.printer;
      break;
    case ControlCommand::kLogin:
      j["login"] = request.login;
      j["password"] = request.password;
      break;
    case ControlCommand::kPrinters:
      j.update(json(request.filter));
      break;
    case ControlCommand::kFallbackTest:
      j["send_test_page"] = request.send_test_page;
      break;
    case ControlCommand::kSubscribe:
      if (request.desktop_app) j["as"] = "desktop-app";
      break;
    case ControlCommand::kStatus:
    case ControlCommand::kJobs:
      break;
  }
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ok_line(json fields) {
  json j = {{"ok", true}};
  j.update(fields);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_line(std::string_view message) {
  return json{{"ok", false}, {"error", message}}.dump(-1, ' ', false,
                                                     json::error_handler_t::replace);
}

std::string event_line(const ClientEvent& event) {
  return json{{"event", event}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace printline::client
