// JSON of the control protocol. Field names are the contract's member names; timestamps are
// ISO 8601 UTC like the REST API; enums are their lower-case dashed names.

#include "client/control_protocol.h"

#include <fmt/format.h>

#include <array>
#include <tuple>
#include <utility>

#include "model/bounded_json.h"
#include "model/job_ticket.h"
#include "model/json.h"
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

// Absent or null leaves the default; integers are range-checked (model/json_number.h).
template <typename T>
void read(const json& j, const char* key, T& value) {
  model::read_optional_field(j, key, value);
}

// A plain member and its field name. A type's plain members are listed once, in a tuple of
// these, and written and read from that one list, so the two directions cannot drift apart.
template <typename Struct, typename Member>
struct Field {
  const char* key;
  Member Struct::*member;
};
// Spelled out for clang 14, which deduces no aggregate's arguments.
template <typename Struct, typename Member>
Field(const char*, Member Struct::*) -> Field<Struct, Member>;

template <typename Struct, typename... Members>
void write_fields(json& j, const Struct& value,
                  const std::tuple<Field<Struct, Members>...>& fields) {
  if (!j.is_object()) j = json::object();
  std::apply([&](const auto&... field) { ((j[field.key] = value.*field.member), ...); }, fields);
}

template <typename Struct, typename... Members>
void read_fields(const json& j, Struct& value,
                 const std::tuple<Field<Struct, Members>...>& fields) {
  std::apply([&](const auto&... field) { (read(j, field.key, value.*field.member), ...); }, fields);
}

const auto kJobFields =
    std::make_tuple(Field{"uuid", &JobView::uuid}, Field{"title", &JobView::title},
                    Field{"document_format", &JobView::document_format},
                    Field{"copies", &JobView::copies}, Field{"size_bytes", &JobView::size_bytes},
                    Field{"reason", &JobView::reason}, Field{"printer", &JobView::printer},
                    Field{"estimated_cost_cents", &JobView::estimated_cost_cents},
                    Field{"may_be_counted_twice", &JobView::may_be_counted_twice});

const auto kCandidateFields = std::make_tuple(
    Field{"printer_id", &CandidateView::printer_id}, Field{"name", &CandidateView::name},
    Field{"location", &CandidateView::location}, Field{"color", &CandidateView::color},
    Field{"large_format", &CandidateView::large_format},
    Field{"in_history", &CandidateView::in_history},
    Field{"last_choice", &CandidateView::last_choice},
    Field{"reachable", &CandidateView::reachable}, Field{"target_uri", &CandidateView::target_uri},
    Field{"may_be_counted_twice", &CandidateView::may_be_counted_twice},
    Field{"note", &CandidateView::note});

const auto kStatusFields = std::make_tuple(
    Field{"online", &StatusView::online}, Field{"server", &StatusView::server},
    Field{"user_login", &StatusView::user_login}, Field{"user_name", &StatusView::user_name},
    Field{"logged_in", &StatusView::logged_in}, Field{"balance_cents", &StatusView::balance_cents},
    Field{"currency", &StatusView::currency}, Field{"quota", &StatusView::quota},
    Field{"profile_name", &StatusView::profile_name},
    Field{"profile_version", &StatusView::profile_version},
    Field{"fallback_enabled", &StatusView::fallback_enabled},
    Field{"jobs_waiting_for_choice", &StatusView::jobs_waiting_for_choice},
    Field{"jobs_waiting_for_server", &StatusView::jobs_waiting_for_server},
    Field{"jobs_awaiting_accounting", &StatusView::jobs_awaiting_accounting},
    Field{"last_error", &StatusView::last_error});

const auto kFallbackTestFields = std::make_tuple(
    Field{"printer", &FallbackTestRow::printer}, Field{"target_uri", &FallbackTestRow::target_uri},
    Field{"reachable", &FallbackTestRow::reachable}, Field{"message", &FallbackTestRow::message});

const auto kFilterFields = std::make_tuple(
    Field{"search", &PrinterFilter::search}, Field{"color", &PrinterFilter::color},
    Field{"mono", &PrinterFilter::mono}, Field{"large_format", &PrinterFilter::large_format});

const auto kSubmitFields = std::make_tuple(
    Field{"title", &SubmitRequest::title},
    Field{"document_format", &SubmitRequest::document_format},
    Field{"copies", &SubmitRequest::copies}, Field{"submitted_by", &SubmitRequest::submitted_by});

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
    return Error{
        fmt::format("The \"{}\" request needs a non-empty text field \"{}\"; see "
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
  write_fields(j, job, kJobFields);
  j["state"] = std::string(job_state_name(job.state));
  j["counts"] = job.counts ? counts_json(*job.counts) : json(nullptr);
  j["received_at"] = time_json(job.received_at);
  j["updated_at"] = time_json(job.updated_at);
  j["printed_at"] = time_json(job.printed_at);
  j["ticket"] = job.ticket;
  j["ticket_text"] = model::describe(job.ticket);  // for people: "2 copies, monochrome, ..."
}

void from_json(const json& j, JobView& job) {
  read_fields(j, job, kJobFields);
  if (auto it = j.find("state"); it != j.end() && it->is_string()) {
    job.state = job_state_from_name(it->get<std::string>()).value_or(JobState::kReceived);
  }
  if (auto it = j.find("counts"); it != j.end() && it->is_object()) job.counts = counts_from(*it);
  job.received_at = time_field(j, "received_at").value_or(model::Timestamp{});
  job.updated_at = time_field(j, "updated_at").value_or(model::Timestamp{});
  job.printed_at = time_field(j, "printed_at");
  job.ticket = {};
  if (auto it = j.find("ticket"); it != j.end() && it->is_object()) it->get_to(job.ticket);
}

void to_json(json& j, const CandidateView& c) { write_fields(j, c, kCandidateFields); }
void from_json(const json& j, CandidateView& c) { read_fields(j, c, kCandidateFields); }

void to_json(json& j, const StatusView& s) {
  write_fields(j, s, kStatusFields);
  j["last_contact"] = time_json(s.last_contact);
}

void from_json(const json& j, StatusView& s) {
  read_fields(j, s, kStatusFields);
  s.last_contact = time_field(j, "last_contact");
}

void to_json(json& j, const FallbackTestRow& row) {
  write_fields(j, row, kFallbackTestFields);
  j["accepted"] = row.accepted ? json(*row.accepted) : json(nullptr);
}

void from_json(const json& j, FallbackTestRow& row) {
  read_fields(j, row, kFallbackTestFields);
  if (auto it = j.find("accepted"); it != j.end() && it->is_boolean()) {
    row.accepted = it->get<bool>();
  }
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

void to_json(json& j, const PrinterFilter& f) { write_fields(j, f, kFilterFields); }
void from_json(const json& j, PrinterFilter& f) { read_fields(j, f, kFilterFields); }

void to_json(json& j, const SubmitRequest& r) {
  write_fields(j, r, kSubmitFields);
  if (r.ticket != model::JobTicket{}) j["ticket"] = r.ticket;
}

// The ticket (D11) is checked by its own from_json (bounded values, ticket_problem); copies
// and ticket.copies are one number: a ticket's copies win over a bare "copies".
void from_json(const json& j, SubmitRequest& r) {
  read_fields(j, r, kSubmitFields);
  r.ticket = {};
  if (auto it = j.find("ticket"); it != j.end() && !it->is_null()) it->get_to(r.ticket);
  if (r.ticket.copies > 1) r.copies = r.ticket.copies;
  else if (r.copies >= 1 && r.copies <= model::kMaxCopies) r.ticket.copies = r.copies;
}

Result<ControlRequest> parse_request_line(std::string_view line) {
  if (line.size() > kMaxRequestLine) {
    return Error{
        fmt::format("The request line is longer than {} bytes; a document is passed "
                    "as a file descriptor, never inside the request.",
                    kMaxRequestLine)};
  }
  auto bounded = model::parse_bounded_json(line);  // depth-limited (D12)
  json j = bounded.ok() ? std::move(bounded.value) : json(json::value_t::discarded);
  if (j.is_discarded() || !j.is_object()) {
    return Error{
        "The request is not a JSON object on one line; send e.g. "
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
    return Error{
        fmt::format("\"{}\" is not a command of the Printline client; the commands "
                    "are listed in docs/control-socket.md.",
                    name.substr(0, 64))};
  }
  try {
    switch (request.command) {
      case ControlCommand::kSubmit:
        if (auto it = j.find("ticket"); it != j.end() && !it->is_null()) {
          try {
            (void)it->get<model::JobTicket>();
          } catch (const json::exception& e) {
            std::string why(e.what());
            if (why.size() > 160) why = why.substr(0, 160) + "...";
            for (auto& c : why) c = (c >= 0x20 && c < 0x7f) ? c : '?';
            return Error{fmt::format("The print options are not valid: {}. Fix them (lp's "
                                     "-o NAME=VALUE, see docs/cli.md) and print again.",
                                     why)};
          }
        }
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
        request.server_address = j.value("server_address", std::string());
        request.server_fingerprint = j.value("server_fingerprint", std::string());
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
            return Error{
                "\"as\" of a subscribe request may only be \"desktop-app\" (a "
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
    return Error{
        fmt::format("A field of the \"{}\" request has the wrong type; see "
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
      if (!request.server_fingerprint.empty()) {
        j["server_address"] = request.server_address;
        j["server_fingerprint"] = request.server_fingerprint;
      }
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
