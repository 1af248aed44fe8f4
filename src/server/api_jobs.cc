// Jobs: a user's own jobs (read, release a held job, cancel) and everyone's for
// administrators, who may also refund a charged job. Another user's job is "not found",
// exactly like a UUID nobody has, so job UUIDs reveal nothing (issue 3, Security).

#include <fmt/format.h>

#include "core/i18n.h"
#include "core/job_uuid.h"
#include "server/api_job_filter.h"
#include "server/api_lookup.h"
#include "server/api_route.h"

namespace printline::server {
namespace {

using model::Job;

// Unwraps a job-service answer; its error kind decides the HTTP status.
template <typename T>
T job_or_throw(JobResult<T> result) {
  if (result.ok()) return std::move(result).value();
  const JobError& error = result.error();
  switch (error.kind) {
    case JobErrorKind::kNotFound:
      throw not_found(error.message);
    case JobErrorKind::kNoSuchPrinter:
      throw not_found(error.message, "printer");
    case JobErrorKind::kServerFailure:
      throw internal(Error{error.message});
    default:
      throw conflict(error.message);
  }
}

// The job if the caller may see it; 404 otherwise.
Job visible_job(ApiCall& call) {
  const std::string uuid = call.path_part(1);
  if (!is_valid_job_uuid(uuid)) {
    throw bad_request(
        trf("\"{uuid}\" is not a job UUID (like 1b4e28ba-2fa1-4d2b-a3f6-0123456789ab).",
            fmt::arg("uuid", uuid)));
  }
  auto job = read_or_throw(call.context.store.find_job(uuid));
  if (!job || (!call.caller_is_admin() && job->owner_id != call.caller().id)) {
    throw not_found(trf("The server has no job {uuid} of yours.", fmt::arg("uuid", uuid)));
  }
  return *job;
}

void get(ApiCall& call) { send_json(call.response, visible_job(call)); }

void release(ApiCall& call) {
  Job job = visible_job(call);
  auto body = call.json_body();
  require_known_fields(body, {"printer"});
  auto reference = body.contains("printer") ? json_reference(body["printer"]) : std::nullopt;
  if (!reference) {
    throw bad_request(tr("Field \"printer\" is required: the printer's id or name."), "printer");
  }
  auto printer = lookup_printer(call.context.store, *reference);
  if (!printer) {
    throw not_found(trf("There is no printer \"{printer}\". GET /api/v1/printers lists them.",
                        fmt::arg("printer", *reference)),
                    "printer");
  }
  send_json(call.response,
            job_or_throw(call.context.jobs.release(job.uuid, printer->id, call.caller())));
}

// D10: the desktop client confirms the job it submitted; answered with the job as it now is.
void commit(ApiCall& call) {
  Job job = visible_job(call);
  send_json(call.response, job_or_throw(call.context.jobs.commit(job.uuid, call.caller())));
}

void cancel(ApiCall& call) {
  Job job = visible_job(call);
  send_json(call.response, job_or_throw(call.context.jobs.cancel(job.uuid, call.caller())));
}

// An administrator gives a charged job's cost back: one ledger entry of kind refund and an
// audit entry, written by the store in one transaction; a second refund is refused there (D6).
void refund(ApiCall& call) {
  Job job = visible_job(call);
  auto body = call.json_body();
  require_known_fields(body, {"reason"});
  const std::string reason = body.contains("reason") ? string_field(body, "reason") : "";
  if (reason.empty()) {
    throw bad_request(
        tr("Field \"reason\" is required: say why the job is refunded (it goes into the ledger "
           "and the audit log)."),
        "reason");
  }
  auto entry = write_or_throw(call.context.store.refund_job(job.uuid, reason, call.actor()));
  auto owner = read_or_throw(call.context.store.find_user(job.owner_id));
  send_json(call.response, {{"entry", entry},
                            {"job", job},
                            {"balance_cents", owner ? nlohmann::json(owner->balance_cents)
                                                    : nlohmann::json(nullptr)}});
}

// One page of a listing, with how many jobs the filter matches in all (Previous/Next).
void send_job_page(ApiCall& call, const store::JobFilter& filter) {
  auto jobs = read_or_throw(call.context.store.list_jobs(filter));
  auto total = read_or_throw(call.context.store.count_jobs(filter));
  send_json(call.response, {{"jobs", jobs},
                            {"total", total},
                            {"limit", filter.limit},
                            {"offset", filter.offset}});
}

void list_mine(ApiCall& call) {
  auto filter = job_filter_from_query(call, false);
  filter.owner_id = call.caller().id;
  send_job_page(call, filter);
}

void list_all(ApiCall& call) {
  auto filter = job_filter_from_query(call, true);
  send_job_page(call, filter);
}

}  // namespace

void add_job_routes(ApiRoutes& routes) {
  routes.push_back({"GET", "/api/v1/me/jobs", Access::kUser, list_mine});
  routes.push_back({"GET", "/api/v1/jobs", Access::kAdmin, list_all});
  routes.push_back({"GET", R"(/api/v1/jobs/([^/]+))", Access::kUser, get});
  routes.push_back({"POST", R"(/api/v1/jobs/([^/]+)/release)", Access::kUser, release});
  routes.push_back({"POST", R"(/api/v1/jobs/([^/]+)/cancel)", Access::kUser, cancel});
  routes.push_back({"POST", R"(/api/v1/jobs/([^/]+)/commit)", Access::kUser, commit});
  routes.push_back({"POST", R"(/api/v1/jobs/([^/]+)/refund)", Access::kAdmin, refund});
}

}  // namespace printline::server
