// POST /api/v1/accounting/fallback-jobs (D6, FP-1): the desktop client uploads the jobs it
// printed while the server was down. The server prices each job from its own price list
// (never a client's cost), records it with origin fallback and charges it — once per UUID,
// however many times and from however many connections it arrives (the store's UNIQUE
// constraints decide). One answer per job: accepted, duplicate, or rejected with a reason;
// what a job may say is checked in fallback_job_parsing.cc (D12).

#include <fmt/format.h>

#include "core/crash_point.h"
#include "core/i18n.h"
#include "server/api_fallback_printers.h"
#include "server/api_route.h"
#include "server/fallback_job_parsing.h"

namespace printline::server {
namespace {

using model::Job;

constexpr std::size_t kMaxBatch = 1000;

FallbackUploadContext load_context(ApiCall& call) {
  auto& store = call.context.store;
  FallbackUploadContext context;
  context.owner = call.caller();
  context.now = model::now_seconds();
  context.prices = read_or_throw(store.price_list());
  for (auto& printer : read_or_throw(store.list_printers())) {
    context.printer_ids_by_name[printer.name] = printer.id;
    context.printers_by_id[printer.id] = std::move(printer);
  }
  if (auto profile = read_or_throw(store.profile_for(context.owner.login))) {
    context.fallback = profile->fallback;
    // D12: only a printer the profile lets the client print on offline can be charged.
    for (const auto& printer : resolve_fallback_printers(store, profile->fallback).printers) {
      context.fallback_printers.insert(printer.id);
    }
  }
  return context;
}

void upload(ApiCall& call) {
  auto body = call.json_body();
  require_known_fields(body, {"jobs"});
  auto entries = body.find("jobs");
  if (entries == body.end() || !entries->is_array()) {
    throw bad_request(tr("Field \"jobs\" is required: an array of printed-offline jobs."), "jobs");
  }
  if (entries->size() > kMaxBatch) {
    throw too_large(trf("The batch has {count} jobs; send at most {most} per request.",
                        fmt::arg("count", entries->size()), fmt::arg("most", kMaxBatch)));
  }
  const FallbackUploadContext context = load_context(call);

  std::vector<nlohmann::json> results(entries->size());
  std::vector<Job> jobs;
  std::vector<std::size_t> positions;  // where each parsed job's answer goes
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto parsed = parse_fallback_job((*entries)[i], context);
    if (auto* why = std::get_if<FallbackRejection>(&parsed)) {
      results[i] = rejected_fallback_job((*entries)[i], *why);
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
      answer = rejected_fallback_job((*entries)[positions[k]], {"refused", result.error().message});
    } else if (result->job.owner_id != context.owner.id) {
      // Never show or touch another user's job: the UUID is simply not this client's to use.
      answer = rejected_fallback_job((*entries)[positions[k]],
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
