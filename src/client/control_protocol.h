#pragma once
// The control socket's protocol (docs/control-socket.md): one JSON object per line each way.
// A request names its command; the answer is {"ok":true,…} or {"ok":false,"error":"…"}.
// After "subscribe" the daemon sends one {"event":{…}} line per ClientEvent until either side
// closes. The desktop app, the CLI and the CUPS backend speak it; the daemon only translates
// it to ClientService calls.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "client/client_service.h"
#include "core/error.h"

namespace printline::client {

// Longer request lines are refused (a request carries no document: that comes as an fd).
inline constexpr std::size_t kMaxRequestLine = 64 * 1024;

enum class ControlCommand {
  kSubmit,
  kStatus,
  kJobs,
  kJob,
  kChoose,
  kCancel,
  kRetry,
  kLogin,
  kPrinters,
  kFallbackTest,
  kSubscribe,
};

std::string_view control_command_name(ControlCommand command);

// One request, checked: every field its command needs is present and of the right type.
struct ControlRequest {
  ControlCommand command = ControlCommand::kStatus;
  SubmitRequest submit;         // submit
  std::string job;              // job, choose, cancel, retry: a job UUID (or a unique prefix)
  std::string printer;          // choose
  std::string login;            // login
  std::string password;         // login
  // login, optional: the server certificate accepted at `printline login` (D13).
  std::string server_address;      // "host:port"
  std::string server_fingerprint;  // SHA-256, "AB:CD:…"
  PrinterFilter filter;         // printers
  bool send_test_page = false;  // fallback-test
  // subscribe with "as":"desktop-app": the subscriber shows notifications itself (the tray),
  // so the daemon does not send its own desktop notification while it is connected.
  bool desktop_app = false;
};

// Parses one request line (without its newline). The error says what is wrong with it.
Result<ControlRequest> parse_request_line(std::string_view line);
// The line a client sends (without newline).
std::string request_line(const ControlRequest& request);

// Answers.
std::string ok_line(nlohmann::json fields = nlohmann::json::object());
std::string error_line(std::string_view message);
std::string event_line(const ClientEvent& event);

// JSON of the contract's types. from_json accepts what to_json writes; missing fields keep
// their defaults, a field of the wrong type throws nlohmann::json::exception.
void to_json(nlohmann::json& j, const JobView& job);
void from_json(const nlohmann::json& j, JobView& job);
void to_json(nlohmann::json& j, const CandidateView& candidate);
void from_json(const nlohmann::json& j, CandidateView& candidate);
void to_json(nlohmann::json& j, const StatusView& status);
void from_json(const nlohmann::json& j, StatusView& status);
void to_json(nlohmann::json& j, const FallbackTestRow& row);
void from_json(const nlohmann::json& j, FallbackTestRow& row);
void to_json(nlohmann::json& j, const ClientEvent& event);
void from_json(const nlohmann::json& j, ClientEvent& event);
void to_json(nlohmann::json& j, const PrinterFilter& filter);
void from_json(const nlohmann::json& j, PrinterFilter& filter);
void to_json(nlohmann::json& j, const SubmitRequest& request);
void from_json(const nlohmann::json& j, SubmitRequest& request);

std::string_view event_kind_name(ClientEvent::Kind kind);

}  // namespace printline::client
