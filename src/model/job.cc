#include "model/job.h"

#include <array>
#include <cctype>
#include <utility>

#include "model/job_outcome.h"
#include "model/json.h"

namespace printline::model {
namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 6> kStates{{
    {JobState::kPending, "pending"},
    {JobState::kHeld, "held"},
    {JobState::kPrinting, "printing"},
    {JobState::kPrinted, "printed"},
    {JobState::kFailed, "failed"},
    {JobState::kCancelled, "cancelled"},
}};

}  // namespace

bool is_document_format(std::string_view format) {
  if (format.size() > kMaxDocumentFormatLength) return false;
  if (format.empty()) return true;
  const auto slash = format.find('/');
  if (slash == 0 || slash == format.npos || slash + 1 == format.size()) return false;
  for (unsigned char c : format) {
    const bool token = std::isalnum(c) || c == '/' || c == '-' || c == '+' || c == '.' ||
                       c == '_';
    if (!token) return false;
  }
  return true;
}

std::string_view origin_name(JobOrigin origin) {
  return origin == JobOrigin::kFallback ? "fallback" : "server";
}

std::string_view state_name(JobState state) {
  for (const auto& [s, name] : kStates) {
    if (s == state) return name;
  }
  return "pending";
}

std::optional<JobOrigin> origin_from_name(std::string_view name) {
  if (name == "server") return JobOrigin::kServer;
  if (name == "fallback") return JobOrigin::kFallback;
  return std::nullopt;
}

std::optional<JobState> state_from_name(std::string_view name) {
  for (const auto& [s, n] : kStates) {
    if (n == name) return s;
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, JobOrigin origin) { j = std::string(origin_name(origin)); }

void from_json(const nlohmann::json& j, JobOrigin& origin) {
  auto o = origin_from_name(j.get<std::string>());
  if (!o) throw nlohmann::json::other_error::create(501, "origin must be server or fallback", &j);
  origin = *o;
}

void to_json(nlohmann::json& j, JobState state) { j = std::string(state_name(state)); }

void from_json(const nlohmann::json& j, JobState& state) {
  auto s = state_from_name(j.get<std::string>());
  if (!s) {
    throw nlohmann::json::other_error::create(
        501, "state must be pending, held, printing, printed, failed or cancelled", &j);
  }
  state = *s;
}

void to_json(nlohmann::json& j, const Job& job) {
  j = {{"id", job.id},
       {"uuid", job.uuid},
       {"owner_id", job.owner_id},
       {"queue_id", job.queue_id ? nlohmann::json(*job.queue_id) : nullptr},
       {"printer_id", job.printer_id ? nlohmann::json(*job.printer_id) : nullptr},
       {"origin", job.origin},
       {"state", job.state},
       {"title", job.title},
       {"ticket", job.ticket},
       {"ticket_text", describe(job.ticket)},  // for people: "2 copies, monochrome, ..."
       {"document_format", job.document_format},
       {"pages", job.counts.pages},
       {"color_pages", job.counts.color_pages},
       {"paper", job.counts.paper},
       {"duplex", job.counts.duplex},
       {"copies", job.counts.copies},
       {"cost_cents", job.cost_cents},
       {"submitted_at", timestamp_to_json(job.submitted_at)},
       {"printed_at", timestamp_to_json(job.printed_at)},
       {"outcome", outcome_for_reader(job.outcome)},  // in the reader's language
       {"may_be_counted_twice", job.may_be_counted_twice},
       {"awaiting_commit", job.awaiting_commit},
       {"commit_before", timestamp_to_json(job.commit_before)},
       {"printed_twice", job.printed_twice()},
       {"also_printed_on", job.also_printed_on ? nlohmann::json(*job.also_printed_on) : nullptr}};
}

void from_json(const nlohmann::json& j, Job& job) {
  read_optional_field(j, "id", job.id);
  j.at("uuid").get_to(job.uuid);
  read_optional_field(j, "owner_id", job.owner_id);
  job.queue_id.reset();
  job.printer_id.reset();
  read_optional_field(j, "queue_id", job.queue_id);
  read_optional_field(j, "printer_id", job.printer_id);
  read_optional_field(j, "origin", job.origin);
  read_optional_field(j, "state", job.state);
  read_optional_field(j, "title", job.title);
  job.ticket = {};
  if (auto it = j.find("ticket"); it != j.end() && !it->is_null()) it->get_to(job.ticket);
  job.document_format.clear();
  read_optional_field(j, "document_format", job.document_format);
  if (!is_document_format(job.document_format))
    throw nlohmann::json::other_error::create(
        501, "document_format must be a MIME type such as application/pdf", &j);
  read_optional_field(j, "pages", job.counts.pages);
  read_optional_field(j, "color_pages", job.counts.color_pages);
  read_optional_field(j, "paper", job.counts.paper);
  read_optional_field(j, "duplex", job.counts.duplex);
  read_optional_field(j, "copies", job.counts.copies);
  read_optional_field(j, "cost_cents", job.cost_cents);
  if (j.contains("submitted_at"))
    job.submitted_at = timestamp_from_json(j["submitted_at"]).value_or(Timestamp{});
  job.printed_at = j.contains("printed_at") ? timestamp_from_json(j["printed_at"]) : std::nullopt;
  read_optional_field(j, "outcome", job.outcome);
  read_optional_field(j, "may_be_counted_twice", job.may_be_counted_twice);
  read_optional_field(j, "awaiting_commit", job.awaiting_commit);
  job.commit_before =
      j.contains("commit_before") ? timestamp_from_json(j["commit_before"]) : std::nullopt;
  job.also_printed_on.reset();
  read_optional_field(j, "also_printed_on", job.also_printed_on);
}

}  // namespace printline::model
