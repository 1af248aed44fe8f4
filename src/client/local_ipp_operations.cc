// Check, then one function per operation, as ippeveprinter and the server's queues do.

#include "client/local_ipp_operations.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "client/local_ipp_attributes.h"
#include "ipp/ipp_request_check.h"

namespace printline::client {

struct LocalIppOperations::Call {
  ipp_t* request;
  transport::DocumentSource* document;
  std::string printer_uri;
  ipp::IppPtr response;

  void status(ipp_status_t code, const std::string& message) {
    ippSetStatusCode(response.get(), code);
    if (!message.empty()) {
      ippAddString(response.get(), IPP_TAG_OPERATION, IPP_TAG_TEXT, "status-message", nullptr,
                   message.c_str());
    }
  }
  const char* string(const char* name, ipp_tag_t tag) const {
    ipp_attribute_t* attr = ippFindAttribute(request, name, tag);
    return attr ? ippGetString(attr, 0, nullptr) : nullptr;
  }
};

namespace {

constexpr std::size_t kMaxCreatedJobs = 1000;

// A document whose first bytes were read ahead, to tell "no document" from an empty one.
class ReadAheadDocument final : public transport::DocumentSource {
 public:
  explicit ReadAheadDocument(transport::DocumentSource* inner) : inner_(inner) {
    if (!inner_) return;
    auto got = inner_->read(head_);
    if (got.ok()) head_size_ = *got;
  }
  bool empty() const { return head_size_ == 0; }
  Result<std::size_t> read(std::span<char> buffer) override {
    if (position_ < head_size_) {
      const std::size_t count = std::min(buffer.size(), head_size_ - position_);
      std::memcpy(buffer.data(), head_.data() + position_, count);
      position_ += count;
      return count;
    }
    return inner_->read(buffer);
  }
  std::optional<std::uint64_t> size() const override { return std::nullopt; }

 private:
  transport::DocumentSource* inner_;
  std::array<char, 4096> head_{};
  std::size_t head_size_ = 0;
  std::size_t position_ = 0;
};

SubmitRequest job_settings(ipp_t* request) {
  SubmitRequest settings;
  settings.submitted_by = "ipp";
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-name", IPP_TAG_NAME)) {
    settings.title = ippGetString(attr, 0, nullptr);
  } else if (ipp_attribute_t* doc = ippFindAttribute(request, "document-name", IPP_TAG_NAME)) {
    settings.title = ippGetString(doc, 0, nullptr);
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "document-format", IPP_TAG_MIMETYPE)) {
    settings.document_format = ippGetString(attr, 0, nullptr);
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "copies", IPP_TAG_INTEGER)) {
    settings.copies = ippGetInteger(attr, 0);
  }
  return settings;
}

int compare_names(void* a, void* b, void*) {
  return std::strcmp(static_cast<const char*>(a), static_cast<const char*>(b));
}

// The job-id of a request: job-id, else the last path segment of job-uri; 0 when neither.
int requested_job_id(ipp_t* request) {
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-id", IPP_TAG_INTEGER)) {
    return ippGetInteger(attr, 0);
  }
  if (ipp_attribute_t* attr = ippFindAttribute(request, "job-uri", IPP_TAG_URI)) {
    const char* uri = ippGetString(attr, 0, nullptr);
    const char* slash = uri ? std::strrchr(uri, '/') : nullptr;
    return slash ? std::atoi(slash + 1) : 0;
  }
  return 0;
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
  Call call{request, document, fmt::format("ipp://{}/ipp/print", authority),
            ipp::IppPtr(ippNewResponse(request))};
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

bool LocalIppOperations::check_job_template(Call& call) {
  if (const char* compression = call.string("compression", IPP_TAG_KEYWORD);
      compression && std::string_view(compression) != "none") {
    call.status(IPP_STATUS_ERROR_COMPRESSION_NOT_SUPPORTED,
                fmt::format("Compression \"{}\" is not supported; send the document "
                            "uncompressed.",
                            compression));
    return false;
  }
  if (const char* format = call.string("document-format", IPP_TAG_MIMETYPE);
      format && !local_ipp_supports_format(format)) {
    call.status(IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
                fmt::format("Document format {} is not supported; print PDF, PostScript, PCL "
                            "or plain text.",
                            format));
    return false;
  }
  if (ipp_attribute_t* copies = ippFindAttribute(call.request, "copies", IPP_TAG_ZERO)) {
    const int value = ippGetInteger(copies, 0);
    if (ippGetValueTag(copies) != IPP_TAG_INTEGER || value < 1 || value > kLocalMaxCopies) {
      call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                  fmt::format("copies must be between 1 and {}.", kLocalMaxCopies));
      return false;
    }
  }
  return true;
}

void LocalIppOperations::print_job(Call& call) {
  if (!check_job_template(call)) return;
  submit(call, job_settings(call.request), 0);
}

void LocalIppOperations::validate_job(Call& call) {
  if (!check_job_template(call)) return;
  call.status(IPP_STATUS_OK, "");
}

void LocalIppOperations::create_job(Call& call) {
  if (!check_job_template(call)) return;
  CreatedJob created{job_settings(call.request), std::chrono::steady_clock::now(), false};
  int id = 0;
  {
    std::lock_guard lock(mutex_);
    // A Create-Job whose document never came is forgotten after ten multiple-operation
    // time-outs, so abandoned requests cannot grow the table without bound.
    const auto stale =
        created.created_at - std::chrono::seconds(10 * kLocalMultipleOperationTimeOut);
    std::erase_if(created_, [&](const auto& entry) { return entry.second.created_at < stale; });
    if (created_.size() >= kMaxCreatedJobs) {
      call.status(IPP_STATUS_ERROR_BUSY, "Too many jobs wait for their document; try later.");
      return;
    }
    id = ids_.reserve();
    created_[id] = created;
  }
  JobView shown;
  shown.title = created.request.title;
  shown.copies = created.request.copies;
  shown.state = JobState::kWaitingForChoice;  // held until its document comes
  shown.reason = "Waiting for the document (Send-Document).";
  shown.received_at = model::now_seconds();
  call.status(IPP_STATUS_OK, "");
  add_local_job_attributes(call.response.get(), shown,
                           {call.printer_uri, id, owner_, up_time()}, nullptr);
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
      call.status(exists ? IPP_STATUS_ERROR_MULTIPLE_JOBS_NOT_SUPPORTED
                         : IPP_STATUS_ERROR_NOT_FOUND,
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
    if (!local_ipp_supports_format(format)) {
      call.status(IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
                  fmt::format("Document format {} is not supported; print PDF, PostScript, "
                              "PCL or plain text.",
                              format));
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
  ReadAheadDocument document(call.document);
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
                           {call.printer_uri, ids_.id_for(job.uuid), owner_, up_time()},
                           requested);
}

void LocalIppOperations::cancel_job(Call& call) {
  const int id = requested_job_id(call.request);
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
  const int id = requested_job_id(call.request);
  std::optional<JobView> job;
  {
    std::lock_guard lock(mutex_);
    if (auto it = created_.find(id); it != created_.end()) {
      JobView shown;
      shown.title = it->second.request.title;
      shown.copies = it->second.request.copies;
      shown.state = JobState::kWaitingForChoice;
      shown.reason = "Waiting for the document (Send-Document).";
      job = shown;
    }
  }
  if (!job) {
    if (auto uuid = ids_.uuid_of(id)) job = service_.job(*uuid);
  }
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, fmt::format("There is no job {}.", id));
    return;
  }
  cups_array_t* requested = ippCreateRequestedArray(call.request);
  call.status(IPP_STATUS_OK, "");
  add_local_job_attributes(call.response.get(), *job, {call.printer_uri, id, owner_, up_time()},
                           requested);
  cupsArrayDelete(requested);
}

void LocalIppOperations::get_jobs(Call& call) {
  const char* which = call.string("which-jobs", IPP_TAG_KEYWORD);
  const std::string_view which_jobs = which ? which : "not-completed";
  if (which_jobs != "not-completed" && which_jobs != "completed" && which_jobs != "all") {
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                fmt::format("which-jobs \"{}\" is not supported; use completed, not-completed "
                            "or all.",
                            which_jobs));
    ippAddString(call.response.get(), IPP_TAG_UNSUPPORTED_GROUP, IPP_TAG_KEYWORD, "which-jobs",
                 nullptr, which);
    return;
  }
  int limit = 1000;
  if (ipp_attribute_t* attr = ippFindAttribute(call.request, "limit", IPP_TAG_INTEGER)) {
    limit = std::clamp(ippGetInteger(attr, 0), 1, 1000);
  }
  cups_array_t* requested = ippCreateRequestedArray(call.request);
  // RFC 8011: Get-Jobs answers job-id and job-uri unless asked for more.
  if (!ippFindAttribute(call.request, "requested-attributes", IPP_TAG_KEYWORD)) {
    cupsArrayDelete(requested);
    requested = cupsArrayNew(compare_names, nullptr);
    cupsArrayAdd(requested, const_cast<char*>("job-id"));
    cupsArrayAdd(requested, const_cast<char*>("job-uri"));
  }
  call.status(IPP_STATUS_OK, "");
  // Every job here is the daemon's user's: "my jobs" of anyone else are none.
  const char* user = call.string("requesting-user-name", IPP_TAG_NAME);
  ipp_attribute_t* mine = ippFindAttribute(call.request, "my-jobs", IPP_TAG_BOOLEAN);
  if (mine && ippGetBoolean(mine, 0) && user && owner_ != user) {
    cupsArrayDelete(requested);
    return;
  }
  int count = 0;
  for (const auto& job : service_.jobs()) {
    if (which_jobs != "all" && ipp_job_completed(job.state) != (which_jobs == "completed")) {
      continue;
    }
    if (count++ >= limit) break;
    if (count > 1) ippAddSeparator(call.response.get());
    add_job(call, job, requested);
  }
  cupsArrayDelete(requested);
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
  cups_array_t* requested = ippCreateRequestedArray(call.request);
  call.status(IPP_STATUS_OK, "");
  add_local_printer_attributes(call.response.get(), where, requested);
  cupsArrayDelete(requested);
}

}  // namespace printline::client
