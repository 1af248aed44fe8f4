// Check, then one function per operation, as ippeveprinter and the server's queues do.

#include "client/local_ipp_operations.h"

#include <fmt/format.h>

#include "client/local_ipp_attributes.h"
#include "ipp/ipp_job_request.h"
#include "ipp/ipp_printer_description.h"
#include "ipp/ipp_request_check.h"
#include "ipp/ipp_request_document.h"

namespace printline::client {

struct LocalIppOperations::Call : ipp::IppCall {
  Call(ipp_t* received, transport::DocumentSource* after_message, std::string uri)
      : IppCall(received), document(after_message), printer_uri(std::move(uri)) {}

  transport::DocumentSource* document;
  std::string printer_uri;
};

namespace {

constexpr std::size_t kMaxCreatedJobs = 1000;

// What a Print-Job or Create-Job asks for; the job-uuid and sides are the server's business.
SubmitRequest job_settings(ipp_t* request) {
  const ipp::IppJobSettings asked = ipp::read_job_settings(request);
  SubmitRequest settings;
  settings.submitted_by = "ipp";
  settings.title = asked.title;
  settings.document_format = asked.document_format;
  settings.copies = asked.copies;
  return settings;
}

// A Create-Job's job as the operations show it until its document arrives.
JobView waiting_for_document(const SubmitRequest& request) {
  JobView shown;
  shown.title = request.title;
  shown.copies = request.copies;
  shown.state = JobState::kWaitingForChoice;  // held until its document comes
  shown.reason = "Waiting for the document (Send-Document).";
  return shown;
}

}  // namespace

LocalIppOperations::LocalIppOperations(ClientService& service, IppJobIds& ids, std::string owner)
    : service_(service),
      ids_(ids),
      owner_(std::move(owner)),
      started_(std::chrono::steady_clock::now()) {}

int LocalIppOperations::up_time() const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now() - started_)
                              .count()) +
         1;
}

ipp::IppPtr LocalIppOperations::handle(ipp_t* request, transport::DocumentSource* document,
                                       const std::string& authority) {
  Call call(request, document, fmt::format("ipp://{}/ipp/print", authority));
  if (auto problem = ipp::check_ipp_request(request)) {
    call.status(problem->status, problem->message);
    return std::move(call.response);
  }
  switch (ippGetOperation(request)) {
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
                  fmt::format("Operation {:#06x} is not supported by the Printline desktop "
                              "client's printer.",
                              static_cast<int>(ippGetOperation(request))));
  }
  return std::move(call.response);
}

void LocalIppOperations::print_job(Call& call) {
  if (!ipp::check_job_template(call)) return;
  submit(call, job_settings(call.request), 0);
}

void LocalIppOperations::validate_job(Call& call) {
  if (!ipp::check_job_template(call)) return;
  call.status(IPP_STATUS_OK, "");
}

void LocalIppOperations::create_job(Call& call) {
  if (!ipp::check_job_template(call)) return;
  CreatedJob created{job_settings(call.request), std::chrono::steady_clock::now(), false};
  int id = 0;
  {
    std::lock_guard lock(mutex_);
    // A Create-Job whose document never came is forgotten after ten multiple-operation
    // time-outs, so abandoned requests cannot grow the table without bound.
    const auto stale =
        created.created_at - std::chrono::seconds(10 * ipp::kMultipleOperationTimeOut);
    std::erase_if(created_, [&](const auto& entry) { return entry.second.created_at < stale; });
    if (created_.size() >= kMaxCreatedJobs) {
      call.status(IPP_STATUS_ERROR_BUSY, "Too many jobs wait for their document; try later.");
      return;
    }
    id = ids_.reserve();
    created_[id] = created;
  }
  JobView shown = waiting_for_document(created.request);
  shown.received_at = model::now_seconds();
  call.status(IPP_STATUS_OK, "");
  add_local_job_attributes(call.response.get(), shown, {call.printer_uri, id, owner_, up_time()},
                           nullptr);
}

void LocalIppOperations::send_document(Call& call) {
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
  SubmitRequest request;
  {
    std::lock_guard lock(mutex_);
    auto it = created_.find(id);
    if (it == created_.end()) {
      const bool exists = ids_.uuid_of(id).has_value();
      call.status(
          exists ? IPP_STATUS_ERROR_MULTIPLE_JOBS_NOT_SUPPORTED : IPP_STATUS_ERROR_NOT_FOUND,
          exists ? "This printer takes one document per job."
                 : fmt::format("There is no job {}.", id));
      return;
    }
    if (it->second.sending) {
      call.status(IPP_STATUS_ERROR_BUSY, "The document of this job is being received.");
      return;
    }
    it->second.sending = true;
    request = it->second.request;
  }
  if (const char* format = call.string("document-format", IPP_TAG_MIMETYPE)) {
    if (!ipp::check_document_format(call, format)) {
      std::lock_guard lock(mutex_);
      created_[id].sending = false;
      return;
    }
    request.document_format = format;
  }
  submit(call, request, id);
  std::lock_guard lock(mutex_);
  if (ippGetStatusCode(call.response.get()) == IPP_STATUS_OK) {
    created_.erase(id);
  } else {
    created_[id].sending = false;
  }
}

void LocalIppOperations::submit(Call& call, const SubmitRequest& request, int reserved_id) {
  ipp::RequestDocument document(call.document);
  if (document.empty()) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, "The request carries no document.");
    return;
  }
  auto job = service_.submit(request, document);
  if (!job.ok()) {
    call.status(IPP_STATUS_ERROR_INTERNAL, job.error().message);
    return;
  }
  if (reserved_id > 0) ids_.bind(reserved_id, job->uuid);
  call.status(IPP_STATUS_OK, "");
  add_job(call, *job, nullptr);
}

void LocalIppOperations::add_job(Call& call, const JobView& job, cups_array_t* requested) {
  add_local_job_attributes(call.response.get(), job,
                           {call.printer_uri, ids_.id_for(job.uuid), owner_, up_time()}, requested);
}

void LocalIppOperations::cancel_job(Call& call) {
  const int id = ipp::requested_job_id(call.request);
  {
    std::lock_guard lock(mutex_);
    if (auto it = created_.find(id); it != created_.end() && !it->second.sending) {
      created_.erase(it);
      call.status(IPP_STATUS_OK, "");
      return;
    }
  }
  auto uuid = ids_.uuid_of(id);
  auto job = uuid ? service_.job(*uuid) : std::nullopt;
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, fmt::format("There is no job {}.", id));
    return;
  }
  if (ipp_job_completed(job->state)) {
    call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                fmt::format("Job {} is {} and can no longer be cancelled.", id,
                            job_state_name(job->state)));
    return;
  }
  auto cancelled = service_.cancel(*uuid);
  if (!cancelled.ok()) {
    call.status(IPP_STATUS_ERROR_NOT_POSSIBLE, cancelled.error().message);
    return;
  }
  call.status(IPP_STATUS_OK, "");
}

void LocalIppOperations::get_job_attributes(Call& call) {
  const int id = ipp::requested_job_id(call.request);
  std::optional<JobView> job;
  {
    std::lock_guard lock(mutex_);
    if (auto it = created_.find(id); it != created_.end()) {
      job = waiting_for_document(it->second.request);
    }
  }
  if (!job) {
    if (auto uuid = ids_.uuid_of(id)) job = service_.job(*uuid);
  }
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, fmt::format("There is no job {}.", id));
    return;
  }
  const ipp::RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_local_job_attributes(call.response.get(), *job, {call.printer_uri, id, owner_, up_time()},
                           requested.get());
}

void LocalIppOperations::get_jobs(Call& call) {
  auto wanted = ipp::read_get_jobs_request(call);
  if (!wanted) return;
  call.status(IPP_STATUS_OK, "");
  // Every job here is the daemon's user's: "my jobs" of anyone else are none.
  const char* user = call.string("requesting-user-name", IPP_TAG_NAME);
  if (wanted->my_jobs && user && owner_ != user) return;
  int count = 0;
  for (const auto& job : service_.jobs()) {
    if (!wanted->wants(ipp_job_completed(job.state))) continue;
    if (count++ >= wanted->limit) break;
    if (count > 1) ippAddSeparator(call.response.get());
    add_job(call, job, wanted->requested.get());
  }
}

void LocalIppOperations::get_printer_attributes(Call& call) {
  LocalPrinterContext where;
  where.uri = call.printer_uri;
  where.up_time = up_time();
  for (const auto& job : service_.jobs()) {
    if (ipp_job_completed(job.state)) continue;
    ++where.queued_jobs;
    if (ipp_job_state_of(job.state) == IPP_JSTATE_PROCESSING) where.printing = true;
  }
  const ipp::RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_local_printer_attributes(call.response.get(), where, requested.get());
}

}  // namespace printline::client
