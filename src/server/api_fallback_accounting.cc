// POST /api/v1/accounting/fallback-jobs (D6, FP-1): the desktop client uploads the jobs it
// printed while the server was down. The server prices each job from its own price list
// (never a client's cost), records it with origin fallback and charges it — once per UUID,
// however many times and from however many connections it arrives (the store's UNIQUE
// constraints decide). One answer per job: accepted, duplicate, or rejected with a reason.

#include <fmt/format.h>

#include <map>
#include <optional>

#include "core/crash_point.h"
#include "core/job_uuid.h"
#include "model/fallback_target.h"
#include "model/pricing.h"
#include "server/api_lookup.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

using model::Job;

constexpr std::size_t kMaxBatch = 1000;

struct Rejection {
  std::string reason;  // invalid-uuid, invalid-field, unknown-printer, no-price, ...
  std::string message;
};

// What every job of one upload is checked against, read once per batch.
struct UploadContext {
  model::User owner;
  model::PriceList prices;
  std::map<std::int64_t, model::Printer> printers_by_id;
  std::map<std::string, std::int64_t, std::less<>> printer_ids_by_name;
  model::FallbackSettings fallback;  // of the owner's profile (D8 flag)

  const model::Printer* printer(const nlohmann::json& reference) const {
    auto text = json_reference(reference);
    if (!text) return nullptr;
    std::optional<std::int64_t> id = as_id(*text);
    if (!id) {
      auto named = printer_ids_by_name.find(*text);
      if (named == printer_ids_by_name.end()) return nullptr;
      id = named->second;
    }
    auto found = printers_by_id.find(*id);
    return found == printers_by_id.end() ? nullptr : &found->second;
  }
};

UploadContext load_context(ApiCall& call) {
  auto& store = call.context.store;
  UploadContext context;
  context.owner = call.caller();
  context.prices = read_or_throw(store.price_list());
  for (auto& printer : read_or_throw(store.list_printers())) {
    context.printer_ids_by_name[printer.name] = printer.id;
    context.printers_by_id[printer.id] = std::move(printer);
  }
  if (auto profile = read_or_throw(store.profile_for(context.owner.login, {}))) {
    context.fallback = profile->fallback;
  }
  return context;
}

Rejection field_problem(const std::string& field, const std::string& expected) {
  return {"invalid-field",
          fmt::format("Field \"{}\" {}. Fix the job and upload it again.", field, expected)};
}

template <typename T>
std::optional<T> optional_field(const nlohmann::json& entry, const char* name, T fallback,
                                bool (nlohmann::json::*is_type)() const noexcept) {
  auto it = entry.find(name);
  if (it == entry.end() || it->is_null()) return fallback;
  if (!((*it).*is_type)()) return std::nullopt;
  return it->get<T>();
}

// The job the entry describes, priced and flagged, or why it cannot be recorded.
std::variant<Job, Rejection> parse_job(const nlohmann::json& entry, const UploadContext& context) {
  if (!entry.is_object()) return field_problem("jobs[]", "must be an object");
  auto uuid = entry.find("uuid");
  if (uuid == entry.end() || !uuid->is_string() || !is_valid_job_uuid(uuid->get<std::string>())) {
    return Rejection{"invalid-uuid",
                     "The job has no valid UUID (like 1b4e28ba-2fa1-4d2b-a3f6-0123456789ab); "
                     "the client must send the UUID it gave the job."};
  }
  Job job;
  job.uuid = uuid->get<std::string>();
  job.owner_id = context.owner.id;
  job.origin = model::JobOrigin::kFallback;
  job.state = model::JobState::kPrinted;

  if (!entry.contains("printer")) return field_problem("printer", "is required (id or name)");
  const model::Printer* printer = context.printer(entry["printer"]);
  if (!printer) {
    return Rejection{"unknown-printer",
                     fmt::format("The server has no printer {}. Ask an administrator to add it, "
                                 "then upload the job again.",
                                 entry["printer"].dump())};
  }
  job.printer_id = printer->id;

  auto printed_at = entry.find("printed_at");
  std::optional<model::Timestamp> when;
  if (printed_at != entry.end() && printed_at->is_string()) {
    when = model::parse_timestamp(printed_at->get<std::string>());
  }
  if (!when) return field_problem("printed_at", "must be a time like 2026-11-24T01:39:51Z");
  job.printed_at = *when;
  job.submitted_at = *when;  // reports place the job when it printed

  auto pages = entry.find("pages");
  if (pages == entry.end() || !pages->is_number_integer() || pages->get<std::int64_t>() < 0) {
    return field_problem("pages", "is required: the number of pages of one copy (0 or more)");
  }
  job.counts.pages = pages->get<std::int64_t>();
  auto color =
      optional_field<std::int64_t>(entry, "color_pages", 0, &nlohmann::json::is_number_integer);
  if (!color || *color < 0 || *color > job.counts.pages) {
    return field_problem("color_pages", "must be a whole number from 0 to pages");
  }
  job.counts.color_pages = *color;
  auto copies =
      optional_field<std::int64_t>(entry, "copies", 1, &nlohmann::json::is_number_integer);
  if (!copies || *copies < 1 || *copies > 9999) {
    return field_problem("copies", "must be a whole number from 1 to 9999");
  }
  job.counts.copies = *copies;
  auto duplex = optional_field<bool>(entry, "duplex", false, &nlohmann::json::is_boolean);
  if (!duplex) return field_problem("duplex", "must be true or false");
  job.counts.duplex = *duplex;
  auto paper = optional_field<std::string>(entry, "paper", "A4", &nlohmann::json::is_string);
  auto paper_size = paper ? model::paper_from_name(*paper) : std::nullopt;
  if (!paper_size) {
    return field_problem("paper", "must be one of A5 A4 A3 A2 A1 A0 Letter Legal Tabloid");
  }
  job.counts.paper = *paper_size;
  auto title = optional_field<std::string>(entry, "title", "", &nlohmann::json::is_string);
  if (!title) return field_problem("title", "must be a string");
  job.title = *title;

  auto cost = model::price_job(context.prices, job.counts, printer->color);
  if (!cost) {
    return Rejection{"no-price",
                     fmt::format("{}. An administrator must complete the price list; the client "
                                 "uploads the job again later.",
                                 cost.error().message)};
  }
  job.cost_cents = *cost;
  // D8: a Kyocera device reached through a non-spooling port may count the job itself too.
  auto target = model::fallback_target(*printer, context.fallback);
  job.may_be_counted_twice =
      target ? target->may_be_counted_twice : printer->is_kyocera() && !printer->spooling_port;
  job.outcome = fmt::format("printed offline on {} by the desktop client", printer->name);
  return job;
}

nlohmann::json rejected(const nlohmann::json& entry, const Rejection& why) {
  // Always a string, so clients can key their answers by it: "" when none was sent.
  std::string uuid;
  if (entry.is_object() && entry.contains("uuid") && entry["uuid"].is_string()) {
    uuid = entry["uuid"].get<std::string>();
  }
  return {{"uuid", uuid}, {"status", "rejected"}, {"reason", why.reason}, {"message", why.message}};
}

void upload(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"jobs"});
  auto entries = body.find("jobs");
  if (entries == body.end() || !entries->is_array()) {
    throw bad_request("Field \"jobs\" is required: an array of printed-offline jobs.", "jobs");
  }
  if (entries->size() > kMaxBatch) {
    throw too_large(fmt::format("The batch has {} jobs; send at most {} per request.",
                                entries->size(), kMaxBatch));
  }
  const UploadContext context = load_context(call);

  std::vector<nlohmann::json> results(entries->size());
  std::vector<Job> jobs;
  std::vector<std::size_t> positions;  // where each parsed job's answer goes
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto parsed = parse_job((*entries)[i], context);
    if (auto* why = std::get_if<Rejection>(&parsed)) {
      results[i] = rejected((*entries)[i], *why);
    } else {
      jobs.push_back(std::move(std::get<Job>(parsed)));
      positions.push_back(i);
    }
  }

  auto recorded = read_or_throw(call.context.store.record_jobs(jobs));
  for (std::size_t k = 0; k < recorded.size(); ++k) {
    const auto& result = recorded[k];
    auto& answer = results[positions[k]];
    if (!result.ok()) {
      answer = rejected((*entries)[positions[k]], {"refused", result.error().message});
    } else if (result->job.owner_id != context.owner.id) {
      // Never show or touch another user's job: the UUID is simply not this client's to use.
      answer = rejected((*entries)[positions[k]],
                        {"uuid-taken",
                         "This UUID belongs to a job of another user; the client "
                         "must give each job a new random UUID."});
    } else {
      answer = {{"uuid", result->job.uuid},
                {"status", result->duplicate ? "duplicate" : "accepted"},
                {"job", result->job}};
    }
  }

  crash_point("server.fallback-batch-committed");  // charged, the client not yet answered
  int accepted = 0, duplicates = 0, rejections = 0;
  for (const auto& answer : results) {
    const auto& status = answer["status"];
    if (status == "accepted")
      ++accepted;
    else if (status == "duplicate")
      ++duplicates;
    else
      ++rejections;
  }
  send_json(call.response, {{"results", results},
                            {"accepted", accepted},
                            {"duplicates", duplicates},
                            {"rejected", rejections}});
}

}  // namespace

void add_fallback_accounting_routes(ApiRoutes& routes) {
  routes.push_back({"POST", "/api/v1/accounting/fallback-jobs", Access::kUser, upload});
}

}  // namespace printline::server
