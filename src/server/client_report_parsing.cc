#include "server/client_report_parsing.h"

#include <fmt/format.h>

#include <optional>

namespace printline::server {
namespace {

constexpr const char* kFields[] = {"client_id", "hostname", "os_user",
                                   "fallback_jobs_awaiting_upload"};

std::optional<ClientReportProblem> read_text(const nlohmann::json& body, const char* name,
                                             bool required, std::string& out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (!required) return std::nullopt;
    return ClientReportProblem{name, fmt::format("Field \"{}\" is required and must be a string.",
                                                 name)};
  }
  if (!it->is_string()) {
    return ClientReportProblem{name, fmt::format("Field \"{}\" must be a string.", name)};
  }
  const auto& text = it->get_ref<const std::string&>();
  if (text.size() > kMaxClientReportText) {
    return ClientReportProblem{name, fmt::format("Field \"{}\" has {} bytes; at most {} are kept.",
                                                 name, text.size(), kMaxClientReportText)};
  }
  out = text;
  return std::nullopt;
}

}  // namespace

std::variant<model::ClientReport, ClientReportProblem> parse_client_report(
    const nlohmann::json& body, std::int64_t user_id) {
  if (!body.is_object()) return ClientReportProblem{"", "The report must be a JSON object."};
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* name : kFields) known = known || key == name;
    if (!known) {
      return ClientReportProblem{
          key.size() <= 64 ? key : "",
          key.size() <= 64
              ? fmt::format("Field \"{}\" is not part of a client report. Remove it.", key)
              : fmt::format("The report has a field name of {} bytes. Remove it.", key.size())};
    }
  }
  model::ClientReport report;
  report.user_id = user_id;
  if (auto problem = read_text(body, "client_id", true, report.client_id)) return *problem;
  if (report.client_id.empty()) {
    return ClientReportProblem{
        "client_id", "The client id is empty: send the id the client keeps in its state directory."};
  }
  if (auto problem = read_text(body, "hostname", false, report.hostname)) return *problem;
  if (auto problem = read_text(body, "os_user", false, report.os_user)) return *problem;
  const char* count = "fallback_jobs_awaiting_upload";
  auto it = body.find(count);
  const bool whole = it != body.end() && (it->is_number_integer() || it->is_number_unsigned());
  const bool in_range =
      whole && (it->is_number_unsigned()
                    ? it->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxJobsAwaitingUpload)
                    : it->get<std::int64_t>() >= 0 &&
                          it->get<std::int64_t>() <= kMaxJobsAwaitingUpload);
  if (!in_range) {
    return ClientReportProblem{
        count, fmt::format("\"{}\" is required: a count of jobs from 0 to {}.", count,
                           kMaxJobsAwaitingUpload)};
  }
  report.fallback_jobs_awaiting_upload = it->get<std::int64_t>();
  return report;
}

}  // namespace printline::server
