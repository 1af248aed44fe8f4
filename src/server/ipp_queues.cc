// IPP request handling: check, authenticate where needed, then one function per operation.

#include "server/ipp_queues.h"

#include <fmt/format.h>

#include <algorithm>

#include <limits>

#include "core/job_uuid.h"
#include "ipp/ipp_job_request.h"
#include "ipp/ipp_printer_description.h"
#include "ipp/ipp_request_check.h"
#include "ipp/ipp_request_document.h"
#include "server/ipp_attributes.h"

namespace printline::server {

struct IppQueues::Call : ipp::IppCall {
  explicit Call(IppExchange& asked) : IppCall(asked.request), exchange(asked) {}

  IppExchange& exchange;
  model::PrintQueue queue;
  std::optional<model::User> user;
  bool authentication_required = false;

  // The authenticated user, or false with the answer set (HTTP 401 or an IPP error).
  bool authenticate() {
    if (user) return true;
    auto auth = exchange.authenticate();
    if (auth.ok()) {
      user = auth.user;
      return true;
    }
    if (auth.problem == AuthProblem::kStoreFailure) {
      status(IPP_STATUS_ERROR_INTERNAL, auth.message);
    } else {
      authentication_required = true;
      status(IPP_STATUS_ERROR_NOT_AUTHORIZED, auth.message);
    }
    return false;
  }
};

namespace {

// The job service's errors, as IPP statuses (RFC 8011 §13.1), by kind.
ipp_status_t status_for(const JobError& error) {
  switch (error.kind) {
    case JobErrorKind::kInvalidUuid:
      return IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES;
    case JobErrorKind::kUuidTaken:
    case JobErrorKind::kNotPossible:
    case JobErrorKind::kNotPriced:
      return IPP_STATUS_ERROR_NOT_POSSIBLE;
    case JobErrorKind::kNoSuchQueue:
    case JobErrorKind::kNotFound:
    case JobErrorKind::kNoSuchPrinter:
      return IPP_STATUS_ERROR_NOT_FOUND;
    case JobErrorKind::kTooLarge:
      return IPP_STATUS_ERROR_REQUEST_ENTITY;
    case JobErrorKind::kUnprintable:
      return IPP_STATUS_ERROR_DOCUMENT_FORMAT_ERROR;
    case JobErrorKind::kDocumentCut:
      return IPP_STATUS_ERROR_BAD_REQUEST;
    case JobErrorKind::kServerFailure:
      return IPP_STATUS_ERROR_INTERNAL;
  }
  return IPP_STATUS_ERROR_INTERNAL;
}

bool is_admin(const model::User& user) { return user.role == model::Role::kAdmin; }

constexpr std::size_t kMaxCreatedJobs = 10000;
// One user's share of that table (a client opens one job at a time; a hundred is generous).
constexpr std::size_t kMaxCreatedJobsPerUser = 100;

// Create-Job ids lie in [2^30, 2^31). Each process starts at a point of that range taken from
// the clock (1024 ids further per millisecond, the cycle is 17 minutes), so a client still
// holding an id from before a restart does not meet another job under it; the table of
// created jobs itself is not persisted (ipp_queues.h says why).
constexpr int kFirstCreatedJobId = 1 << 30;
int first_created_job_id() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return kFirstCreatedJobId + static_cast<int>((ms % (1 << 20)) << 10);
}

std::string no_job_message(int id) {
  if (id < kFirstCreatedJobId) return fmt::format("There is no job {}.", id);
  return fmt::format(
      "There is no job {}. It was opened with Create-Job, and such a job is kept only until its "
      "document arrives: it was aborted because the server restarted, or the document did not "
      "come within {} minutes, or it was cancelled. Submit the job again.",
      id, 10 * ipp::kMultipleOperationTimeOut / 60);
}

}  // namespace

IppQueues::IppQueues(ServerContext& context)
    : context_(context),
      started_(std::chrono::steady_clock::now()),
      next_created_id_(first_created_job_id()) {}

std::string IppQueues::printer_uri(const Call& call) const {
  return fmt::format("{}://{}/ipp/print/{}", context_.config.tls() ? "ipps" : "ipp",
                     call.exchange.authority, call.queue.name);
}

int IppQueues::up_time() const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now() - started_)
                              .count()) +
         1;
}

bool IppQueues::needs_user(ipp_op_t operation) {
  switch (operation) {
    case IPP_OP_PRINT_JOB:
    case IPP_OP_VALIDATE_JOB:
    case IPP_OP_CREATE_JOB:
    case IPP_OP_SEND_DOCUMENT:
    case IPP_OP_CANCEL_JOB:
    case IPP_OP_GET_JOB_ATTRIBUTES:
    case IPP_OP_GET_JOBS:
      return true;
    default:
      return false;
  }
}

IppAnswer IppQueues::handle(IppExchange& exchange) {
  Call call(exchange);
  if (auto problem = ipp::check_ipp_request(call.request)) {
    call.status(problem->status, problem->message);
    return {std::move(call.response), false};
  }
  auto queue = context_.store.find_queue_by_name(exchange.queue_name);
  if (!queue.ok()) {
    call.status(IPP_STATUS_ERROR_INTERNAL, queue.error().message);
    return {std::move(call.response), false};
  }
  if (!*queue) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND,
                fmt::format("There is no print queue named {}.", exchange.queue_name));
    return {std::move(call.response), false};
  }
  call.queue = **queue;
  switch (ippGetOperation(call.request)) {
    case IPP_OP_PRINT_JOB:
      print_job(call);
      break;
    case IPP_OP_VALIDATE_JOB:
      validate_job(call);
      break;
    case IPP_OP_CREATE_JOB:
      create_job(call);
      break;
    case IPP_OP_SEND_DOCUMENT:
      send_document(call);
      break;
    case IPP_OP_CANCEL_JOB:
      cancel_job(call);
      break;
    case IPP_OP_GET_JOB_ATTRIBUTES:
      get_job_attributes(call);
      break;
    case IPP_OP_GET_JOBS:
      get_jobs(call);
      break;
    case IPP_OP_GET_PRINTER_ATTRIBUTES:
      get_printer_attributes(call);
      break;
    default:
      call.status(IPP_STATUS_ERROR_OPERATION_NOT_SUPPORTED,
                  fmt::format("Operation {:#06x} is not supported.",
                              static_cast<int>(ippGetOperation(call.request))));
  }
  return {std::move(call.response), call.authentication_required};
}

// Job template and operation attributes this printer cannot honour: those of every Printline
// printer, and a job-uuid that is not one (the desktop client's resubmissions carry it).
bool IppQueues::check_job_template(Call& call) {
  if (!ipp::check_job_template(call)) return false;
  if (ipp_attribute_t* uuid = ippFindAttribute(call.request, "job-uuid", IPP_TAG_ZERO)) {
    const char* text = ippGetString(uuid, 0, nullptr);
    std::string_view value = text ? text : "";
    if (value.rfind("urn:uuid:", 0) == 0) value.remove_prefix(9);
    if (ippGetValueTag(uuid) != IPP_TAG_URI || !is_valid_job_uuid(value)) {
      call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                  "job-uuid must be a urn:uuid: URI (like "
                  "urn:uuid:1b4e28ba-2fa1-4d2b-a3f6-0123456789ab).");
      return false;
    }
  }
  return true;
}

// The job a Print-Job or Create-Job asks for, owned by the caller, in this queue.
IppQueues::CreatedJob IppQueues::job_from_request(const Call& call) {
  const ipp::IppJobSettings settings = ipp::read_job_settings(call.request);
  CreatedJob job;
  job.uuid = settings.uuid;
  job.owner_id = call.user->id;
  job.queue_name = call.queue.name;
  job.title = settings.title;
  job.document_format = settings.document_format;
  job.copies = settings.copies;
  job.duplex = settings.duplex;
  return job;
}

// A Create-Job's job as the operations show it until its document arrives.
model::Job IppQueues::waiting_for_document(int id, const CreatedJob& created) {
  model::Job shown;
  shown.id = id;
  shown.uuid = created.uuid;
  shown.owner_id = created.owner_id;
  shown.title = created.title;
  shown.state = model::JobState::kHeld;
  shown.outcome = "Waiting for the document (Send-Document).";
  shown.submitted_at = created.created_at;
  return shown;
}

void IppQueues::print_job(Call& call) {
  if (!check_job_template(call) || !call.authenticate()) return;
  submit(call, job_from_request(call));
}

void IppQueues::validate_job(Call& call) {
  if (!check_job_template(call) || !call.authenticate()) return;
  call.status(IPP_STATUS_OK, "");
}

void IppQueues::create_job(Call& call) {
  if (!check_job_template(call) || !call.authenticate()) return;
  CreatedJob job = job_from_request(call);
  job.created_at = model::now_seconds();
  if (job.uuid.empty()) job.uuid = new_job_uuid();
  int id = 0;
  {
    std::lock_guard lock(mutex_);
    // A Create-Job whose document never came is forgotten after multiple-operation-time-out
    // (ten times over), so abandoned requests cannot grow the table without bound.
    const auto stale = job.created_at - std::chrono::seconds(10 * ipp::kMultipleOperationTimeOut);
    std::erase_if(created_, [&](const auto& entry) { return entry.second.created_at < stale; });
    // Per user first (D13): one user opening jobs without documents fills their own share,
    // never the table every user's Create-Job needs.
    const auto own = std::count_if(created_.begin(), created_.end(), [&](const auto& entry) {
      return entry.second.owner_id == job.owner_id && !entry.second.sent;
    });
    if (own >= static_cast<std::ptrdiff_t>(kMaxCreatedJobsPerUser)) {
      call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                  fmt::format("You already have {} jobs waiting for their document (Create-Job "
                              "without Send-Document). Send their documents or cancel them, or "
                              "wait a few minutes until they are forgotten, then try again.",
                              own));
      return;
    }
    if (created_.size() >= kMaxCreatedJobs) {
      call.status(IPP_STATUS_ERROR_BUSY, "Too many jobs wait for their document; try later.");
      return;
    }
    if (next_created_id_ == std::numeric_limits<int>::max()) next_created_id_ = kFirstCreatedJobId;
    id = next_created_id_++;
    created_[id] = job;
    uuid_of_[id] = job.uuid;
  }
  call.status(IPP_STATUS_OK, "");
  add_job(call, waiting_for_document(id, job), nullptr, id);
}

void IppQueues::send_document(Call& call) {
  if (!call.authenticate()) return;
  ipp_attribute_t* id_attr = ippFindAttribute(call.request, "job-id", IPP_TAG_INTEGER);
  if (!id_attr) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "Missing job-id.");
    return;
  }
  const int id = ippGetInteger(id_attr, 0);
  if (!ippFindAttribute(call.request, "last-document", IPP_TAG_BOOLEAN)) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "Missing last-document.");
    return;
  }
  CreatedJob job;
  {
    std::lock_guard lock(mutex_);
    auto it = created_.find(id);
    if (it == created_.end() || it->second.queue_name != call.queue.name ||
        (it->second.owner_id != call.user->id && !is_admin(*call.user))) {
      call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
      return;
    }
    if (it->second.sent) {
      call.status(IPP_STATUS_ERROR_MULTIPLE_JOBS_NOT_SUPPORTED,
                  "This printer takes one document per job.");
      return;
    }
    it->second.sent = true;
    job = it->second;
  }
  if (const char* format = call.string("document-format", IPP_TAG_MIMETYPE)) {
    if (!ipp::check_document_format(call, format)) {
      std::lock_guard lock(mutex_);
      created_[id].sent = false;
      return;
    }
    job.document_format = format;
  }
  submit(call, job);
  std::lock_guard lock(mutex_);
  if (ippGetStatusCode(call.response.get()) == IPP_STATUS_OK) {
    created_.erase(id);  // uuid_of_ keeps the id findable
  } else {
    created_[id].sent = false;
  }
}

void IppQueues::submit(Call& call, const CreatedJob& created) {
  ipp::RequestDocument document(call.exchange.document);
  if (document.empty()) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "The request carries no document.");
    return;
  }
  JobSubmission submission;
  submission.uuid = created.uuid;
  submission.owner = *call.user;
  submission.queue_name = created.queue_name;
  submission.title = created.title;
  submission.document_format = created.document_format;
  submission.ticket.copies = created.copies;
  if (created.duplex)
    submission.ticket.sides = *created.duplex ? model::Sides::kTwoSidedLongEdge
                                              : model::Sides::kOneSided;
  auto recorded = context_.jobs.submit(submission, document);
  if (!recorded.ok()) {
    call.status(status_for(recorded.error()), recorded.error().message);
    return;
  }
  int ipp_id = static_cast<int>(recorded->job.id);
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, uuid] : uuid_of_) {
      if (uuid == recorded->job.uuid) ipp_id = id;  // opened by Create-Job
    }
    uuid_of_.emplace(ipp_id, recorded->job.uuid);
  }
  call.status(IPP_STATUS_OK, recorded->duplicate ? "This job was received before: it is not "
                                                   "printed or charged again."
                                                 : "");
  add_job(call, recorded->job, nullptr, ipp_id);
}

std::optional<model::Job> IppQueues::target_job(Call& call, int* ipp_id) {
  const int id = ipp::requested_job_id(call.request);
  *ipp_id = id;
  if (id <= 0) return std::nullopt;
  std::string uuid;
  {
    std::lock_guard lock(mutex_);
    if (auto it = created_.find(id); it != created_.end()) {
      const auto& created = it->second;
      if (created.owner_id != call.user->id && !is_admin(*call.user)) return std::nullopt;
      return waiting_for_document(id, created);
    }
    if (auto it = uuid_of_.find(id); it != uuid_of_.end()) uuid = it->second;
  }
  std::optional<model::Job> job;
  if (!uuid.empty()) {
    auto found = context_.store.find_job(uuid);
    if (found.ok()) job = *found;
  } else {
    store::JobFilter filter;
    if (!is_admin(*call.user)) filter.owner_id = call.user->id;
    filter.limit = 10000;
    auto jobs = context_.store.list_jobs(filter);
    if (jobs.ok()) {
      for (auto& candidate : *jobs) {
        if (candidate.id == id) job = std::move(candidate);
      }
    }
  }
  if (!job || (job->owner_id != call.user->id && !is_admin(*call.user)) ||
      job->queue_id != call.queue.id) {
    return std::nullopt;
  }
  return job;
}

void IppQueues::cancel_job(Call& call) {
  if (!call.authenticate()) return;
  int id = 0;
  auto job = target_job(call, &id);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (created_.erase(id) > 0) {
      call.status(IPP_STATUS_OK, "");
      return;
    }
  }
  using model::JobState;
  if (job->state == JobState::kPrinted || job->state == JobState::kCancelled ||
      job->state == JobState::kFailed) {
    call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                fmt::format("Job {} is {} and can no longer be cancelled.", id,
                            model::state_name(job->state)));
    return;
  }
  auto cancelled = context_.jobs.cancel(job->uuid, *call.user);
  if (!cancelled.ok()) {
    call.status(status_for(cancelled.error()), cancelled.error().message);
    return;
  }
  call.status(IPP_STATUS_OK, "");
}

void IppQueues::get_job_attributes(Call& call) {
  if (!call.authenticate()) return;
  int id = 0;
  auto job = target_job(call, &id);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  const ipp::RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_job(call, *job, requested.get(), id);
}

void IppQueues::get_jobs(Call& call) {
  if (!call.authenticate()) return;
  auto wanted = ipp::read_get_jobs_request(call);
  if (!wanted) return;
  store::JobFilter filter;
  if (!is_admin(*call.user)) filter.owner_id = call.user->id;
  if (wanted->my_jobs) filter.owner_id = call.user->id;
  filter.limit = 10000;
  auto jobs = context_.store.list_jobs(filter);
  if (!jobs.ok()) {
    call.status(IPP_STATUS_ERROR_INTERNAL, jobs.error().message);
    return;
  }
  call.status(IPP_STATUS_OK, "");
  std::map<std::string, int> ids;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, uuid] : uuid_of_) ids[uuid] = id;
  }
  int count = 0;
  for (const auto& job : *jobs) {
    if (job.queue_id != call.queue.id) continue;
    if (!wanted->wants(is_completed(job.state))) continue;
    if (count++ >= wanted->limit) break;
    if (count > 1) ippAddSeparator(call.response.get());
    auto it = ids.find(job.uuid);
    add_job(call, job, wanted->requested.get(),
            it != ids.end() ? it->second : static_cast<int>(job.id));
  }
}

void IppQueues::add_job(Call& call, const model::Job& job, cups_array_t* requested, int ipp_id) {
  const JobAttributeContext where{printer_uri(call), ipp_id, up_time()};
  std::string owner = call.user ? call.user->login : "";
  if (call.user && job.owner_id != call.user->id) {
    auto user = context_.store.find_user(job.owner_id);
    owner = user.ok() && *user ? (*user)->login : "";
  }
  add_job_attributes(call.response.get(), job, owner, where, requested);
}

void IppQueues::get_printer_attributes(Call& call) {
  PrinterAttributeContext where;
  where.uri = printer_uri(call);
  where.tls = context_.config.tls();
  where.queue = call.queue;
  where.up_time = up_time();
  store::JobFilter filter;
  filter.limit = 10000;
  for (auto state : {model::JobState::kPending, model::JobState::kPrinting}) {
    filter.state = state;
    auto jobs = context_.store.list_jobs(filter);
    if (!jobs.ok()) continue;
    for (const auto& job : *jobs) {
      if (job.queue_id == call.queue.id) {
        ++where.queued_jobs;
        if (state == model::JobState::kPrinting) where.printing = true;
      }
    }
  }
  if (call.queue.printer_id) {
    auto printer = context_.store.find_printer(*call.queue.printer_id);
    if (printer.ok() && *printer) {
      where.color = (*printer)->color;
      where.location = (*printer)->location;
    }
  }
  const ipp::RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_printer_attributes(call.response.get(), where, requested.get());
}

}  // namespace printline::server
