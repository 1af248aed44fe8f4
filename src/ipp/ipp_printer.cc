// Check, then one function per operation, as ippeveprinter does.

#include "ipp/ipp_printer.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.h"
#include "ipp/ipp_job_request.h"
#include "ipp/ipp_job_template.h"
#include "ipp/ipp_printer_call.h"
#include "ipp/ipp_request_check.h"
#include "ipp/ipp_request_document.h"
#include "ipp/ipp_requested_attributes.h"
#include "model/job_outcome.h"

namespace printline::ipp {

namespace {

int seconds_since_epoch() {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count());
}

}  // namespace

IppPrinter::IppPrinter(JobIds& ids, IppPrinterLimits limits)
    : ids_(ids),
      limits_(limits),
      started_(std::chrono::steady_clock::now()),
      subscriptions_(limits.subscriptions, limits.subscriptions_per_requester) {}

int IppPrinter::up_time() const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::steady_clock::now() - started_)
                              .count()) +
         1;
}

int IppPrinter::up_time_at(std::optional<model::Timestamp> moment) const {
  if (!moment) return 1;
  const auto ago = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now() - *moment)
                       .count();
  return static_cast<int>(std::clamp<std::int64_t>(up_time() - ago, 1, up_time()));
}

bool IppPrinter::needs_user(ipp_op_t operation) {
  // Only the printer's own description is open to anyone.
  return operation != IPP_OP_GET_PRINTER_ATTRIBUTES &&
         operation != IPP_OP_GET_PRINTER_SUPPORTED_VALUES &&
         std::find(operations().begin(), operations().end(), operation) != operations().end();
}

const std::vector<int>& IppPrinter::operations() {
  static const std::vector<int> kOperations = {
      IPP_OP_PRINT_JOB,
      IPP_OP_VALIDATE_JOB,
      IPP_OP_CREATE_JOB,
      IPP_OP_SEND_DOCUMENT,
      IPP_OP_CANCEL_JOB,
      IPP_OP_GET_JOB_ATTRIBUTES,
      IPP_OP_GET_JOBS,
      IPP_OP_GET_PRINTER_ATTRIBUTES,
      IPP_OP_HOLD_JOB,
      IPP_OP_RELEASE_JOB,
      IPP_OP_RESTART_JOB,
      IPP_OP_PAUSE_PRINTER,
      IPP_OP_RESUME_PRINTER,
      IPP_OP_PURGE_JOBS,
      IPP_OP_SET_PRINTER_ATTRIBUTES,
      IPP_OP_SET_JOB_ATTRIBUTES,
      IPP_OP_GET_PRINTER_SUPPORTED_VALUES,
      IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS,
      IPP_OP_GET_SUBSCRIPTION_ATTRIBUTES,
      IPP_OP_GET_SUBSCRIPTIONS,
      IPP_OP_RENEW_SUBSCRIPTION,
      IPP_OP_CANCEL_SUBSCRIPTION,
      IPP_OP_GET_NOTIFICATIONS,
      IPP_OP_ENABLE_PRINTER,
      IPP_OP_DISABLE_PRINTER};
  return kOperations;
}

IppAnswer IppPrinter::handle(ipp_t* request, transport::DocumentSource* document,
                             PrinterSession& session) {
  Call call(request, document, session);
  if (!call.ok(check_ipp_request(request)) || !call.ok(session.open())) {
    return {std::move(call.response), call.authentication_required};
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
    case IPP_OP_HOLD_JOB:
      hold_job(call);
      break;
    case IPP_OP_RELEASE_JOB:
      release_job(call);
      break;
    case IPP_OP_RESTART_JOB:
      restart_job(call);
      break;
    case IPP_OP_SET_JOB_ATTRIBUTES:
      set_job_attributes(call);
      break;
    case IPP_OP_PAUSE_PRINTER:
      pause_printer(call);
      break;
    case IPP_OP_RESUME_PRINTER:
      resume_printer(call);
      break;
    case IPP_OP_ENABLE_PRINTER:
      set_accepting(call, true);
      break;
    case IPP_OP_DISABLE_PRINTER:
      set_accepting(call, false);
      break;
    case IPP_OP_PURGE_JOBS:
      purge_jobs(call);
      break;
    case IPP_OP_SET_PRINTER_ATTRIBUTES:
      set_printer_attributes(call);
      break;
    case IPP_OP_GET_PRINTER_SUPPORTED_VALUES:
      get_printer_supported_values(call);
      break;
    case IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS:
    case IPP_OP_GET_SUBSCRIPTION_ATTRIBUTES:
    case IPP_OP_GET_SUBSCRIPTIONS:
    case IPP_OP_RENEW_SUBSCRIPTION:
    case IPP_OP_CANCEL_SUBSCRIPTION:
    case IPP_OP_GET_NOTIFICATIONS:
      subscription_operation(call, ippGetOperation(request));
      break;
    default:
      call.status(IPP_STATUS_ERROR_OPERATION_NOT_SUPPORTED,
                  fmt::format("Operation {:#06x} is not supported by {}; see "
                              "operations-supported.",
                              static_cast<int>(ippGetOperation(request)),
                              session.printer_name()));
  }
  return {std::move(call.response), call.authentication_required};
}

bool IppPrinter::read_new_job(Call& call, NewJob* job) {
  if (!check_job_operation(call) || !call.authenticate()) return false;
  auto ticket = read_job_ticket(call, call.session.job_template());
  if (!ticket) return false;
  const IppJobNames names = read_job_names(call.request);
  job->uuid = names.uuid;
  job->title = names.title;
  job->document_format = names.document_format;
  job->ticket = std::move(*ticket);
  // Checked against job-hold-until-supported by read_job_ticket: "indefinite" holds.
  if (const char* until = call.string("job-hold-until", IPP_TAG_KEYWORD);
      until && std::string_view(until) == "indefinite") {
    job->hold = true;
    job->hold_reason = model::outcome_note("Held until released (job-hold-until).");
  }
  return true;
}

// Print-Job and Create-Job: a disabled printer takes no job (Disable-Printer).
bool IppPrinter::admit(Call& call) {
  if (call.session.control().accepting) return true;
  call.status(IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS,
              trf("{printer} is not accepting jobs: an administrator disabled it "
                  "(Disable-Printer). Print elsewhere, or ask for it to be enabled.",
                  fmt::arg("printer", call.session.printer_name())));
  return false;
}

void IppPrinter::print_job(Call& call) {
  NewJob job;
  if (read_new_job(call, &job) && admit(call)) submit(call, job, 0);
}

void IppPrinter::validate_job(Call& call) {
  NewJob job;
  if (read_new_job(call, &job)) call.status(IPP_STATUS_OK, "");
}

bool IppPrinter::may_use(const Call& call, const WaitingJob& waiting) const {
  return waiting.printer == call.session.printer_name() &&
         (waiting.requester == call.session.requester() || call.session.sees_every_job());
}

JobDescription IppPrinter::waiting_description(int id, const WaitingJob& waiting) {
  JobDescription shown;
  shown.job_id = id;
  shown.uuid = waiting.job.uuid;
  shown.name = waiting.job.title;
  shown.owner = waiting.requester;
  shown.state = IPP_JSTATE_HELD;
  shown.state_reason = "job-incoming";
  shown.state_message = tr("Waiting for the document (Send-Document).");
  if (waiting.job.hold) shown.state_message += " " + waiting.job.hold_reason;
  shown.created_at = waiting.created_at;
  shown.ticket = waiting.job.ticket;
  shown.document_format = waiting.job.document_format;
  return shown;
}

void IppPrinter::create_job(Call& call) {
  WaitingJob waiting;
  if (!read_new_job(call, &waiting.job) || !admit(call)) return;
  waiting.printer = call.session.printer_name();
  waiting.requester = call.session.requester();
  waiting.created = std::chrono::steady_clock::now();
  waiting.created_at = seconds_since_epoch();
  int id = 0;
  {
    std::lock_guard lock(mutex_);
    // A Create-Job whose document never came is forgotten after ten multiple-operation
    // time-outs, so abandoned requests cannot grow the table without bound.
    const auto stale = waiting.created - std::chrono::seconds(10 * kMultipleOperationTimeOut);
    std::erase_if(waiting_, [&](const auto& entry) { return entry.second.created < stale; });
    // Per requester first (D13): one user opening jobs without documents fills their own
    // share, never the table every user's Create-Job needs.
    const auto own = std::count_if(waiting_.begin(), waiting_.end(), [&](const auto& entry) {
      return entry.second.requester == waiting.requester && !entry.second.sending;
    });
    if (own >= static_cast<std::ptrdiff_t>(limits_.waiting_jobs_per_requester)) {
      call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                  trf("You already have {count} jobs waiting for their document (Create-Job "
                      "without Send-Document). Send their documents or cancel them, or wait a "
                      "few minutes until they are forgotten, then try again.",
                      fmt::arg("count", own)));
      return;
    }
    if (waiting_.size() >= limits_.waiting_jobs) {
      call.status(IPP_STATUS_ERROR_BUSY, tr("Too many jobs wait for their document; try later."));
      return;
    }
    id = ids_.reserve();
    waiting_[id] = waiting;
  }
  call.status(IPP_STATUS_OK, "");
  add_job(call, waiting_description(id, waiting), nullptr);
}

void IppPrinter::send_document(Call& call) {
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
  NewJob job;
  {
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(id);
    if (it == waiting_.end() || !may_use(call, it->second)) {
      const bool has_document = it == waiting_.end() && ids_.uuid_of(id) && target_job(call, nullptr);
      call.status(has_document ? IPP_STATUS_ERROR_MULTIPLE_JOBS_NOT_SUPPORTED
                               : IPP_STATUS_ERROR_NOT_FOUND,
                  has_document ? tr("This printer takes one document per job.")
                               : no_job_message(id));
      return;
    }
    if (it->second.sending) {
      call.status(IPP_STATUS_ERROR_BUSY, tr("The document of this job is being received."));
      return;
    }
    it->second.sending = true;
    job = it->second.job;
  }
  if (const char* format = call.string("document-format", IPP_TAG_MIMETYPE)) {
    if (!check_document_format(call, format)) {
      std::lock_guard lock(mutex_);
      waiting_[id].sending = false;
      return;
    }
    job.document_format = format;
  }
  submit(call, job, id);
  std::lock_guard lock(mutex_);
  if (ippGetStatusCode(call.response.get()) == IPP_STATUS_OK) {
    waiting_.erase(id);  // the id stays bound to the job (ids_)
  } else if (auto it = waiting_.find(id); it != waiting_.end()) {
    it->second.sending = false;
  }
}

void IppPrinter::submit(Call& call, const NewJob& job, int reserved_id) {
  RequestDocument document(call.document);
  if (document.empty()) {
    call.status(IPP_STATUS_ERROR_BAD_REQUEST, tr("The request carries no document."));
    return;
  }
  // A paused printer takes the job held, to print when resumed (Pause-Printer).
  NewJob taken = job;
  if (!job.hold && call.session.control().paused) {
    taken.hold = true;
    taken.hold_reason = model::paused_hold_reason();
    taken.held_by_pause = true;
  }
  auto submitted = call.session.submit(taken, document);
  if (!submitted.ok()) {
    call.ok(submitted.error());
    return;
  }
  if (reserved_id > 0) ids_.bind(reserved_id, submitted->job.uuid);
  call.status(IPP_STATUS_OK, model::outcome_for_reader(submitted->message));
  add_job(call, submitted->job, nullptr);
  publish_job(call, "job-created", submitted->job,
              trf("Job {job} was received.",
                  fmt::arg("job", ids_.id_for(submitted->job.uuid, submitted->job.number))));
}

std::optional<JobDescription> IppPrinter::target_job(Call& call, int* asked) {
  const int id = requested_job_id(call.request);
  if (asked) *asked = id;
  if (id <= 0) return std::nullopt;
  if (auto uuid = ids_.uuid_of(id)) return call.session.find_job(*uuid);
  return call.session.find_job_number(id);
}

std::string IppPrinter::no_job_message(int id) const {
  if (!ids_.is_given_here(id)) return trf("There is no job {job}.", fmt::arg("job", id));
  return trf(
      "There is no job {job}. If it was opened with Create-Job: such a job is kept only until "
      "its document arrives, so it was aborted because the printer restarted, or the document "
      "did not come within {minutes} minutes, or it was cancelled. Submit the job again.",
      fmt::arg("job", id), fmt::arg("minutes", 10 * kMultipleOperationTimeOut / 60));
}

void IppPrinter::cancel_job(Call& call) {
  if (!call.authenticate()) return;
  const int id = requested_job_id(call.request);
  {
    std::lock_guard lock(mutex_);
    if (auto it = waiting_.find(id); it != waiting_.end() && may_use(call, it->second)) {
      if (it->second.sending) {
        call.status(IPP_STATUS_ERROR_BUSY, tr("The document of this job is being received."));
        return;
      }
      waiting_.erase(it);
      call.status(IPP_STATUS_OK, "");
      return;
    }
  }
  auto job = target_job(call, nullptr);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  if (job->state >= IPP_JSTATE_CANCELED) {
    call.status(IPP_STATUS_ERROR_NOT_POSSIBLE,
                trf("Job {job} is {state} and can no longer be cancelled.", fmt::arg("job", id),
                    fmt::arg("state", ippEnumString("job-state", job->state))));
    return;
  }
  if (!call.ok(call.session.cancel(*job))) return;
  call.status(IPP_STATUS_OK, "");
  publish_job(call, "job-completed", target_job(call, nullptr),
              trf("Job {job} was cancelled.", fmt::arg("job", id)));
}

void IppPrinter::get_job_attributes(Call& call) {
  if (!call.authenticate()) return;
  int id = 0;
  std::optional<JobDescription> job;
  {
    std::lock_guard lock(mutex_);
    const int asked = requested_job_id(call.request);
    if (auto it = waiting_.find(asked); it != waiting_.end() && may_use(call, it->second)) {
      job = waiting_description(asked, it->second);
      id = asked;
    }
  }
  if (!job) job = target_job(call, &id);
  if (!job) {
    call.status(IPP_STATUS_ERROR_NOT_FOUND, no_job_message(id));
    return;
  }
  const RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_job(call, *job, requested.get());
}

void IppPrinter::get_jobs(Call& call) {
  if (!call.authenticate()) return;
  auto wanted = read_get_jobs_request(call);
  if (!wanted) return;
  auto jobs = call.session.jobs(wanted->my_jobs, call.string("requesting-user-name", IPP_TAG_NAME));
  call.status(IPP_STATUS_OK, "");
  int count = 0;
  for (auto& job : jobs) {
    if (!wanted->wants(job.state >= IPP_JSTATE_CANCELED)) continue;
    if (count++ >= wanted->limit) break;
    if (count > 1) ippAddSeparator(call.response.get());
    add_job(call, std::move(job), wanted->requested.get());
  }
}

void IppPrinter::add_job(Call& call, JobDescription job, cups_array_t* requested) {
  job.printer_uri = call.session.printer_uri();
  if (job.job_id == 0) job.job_id = ids_.id_for(job.uuid, job.number);
  job.printer_up_time = up_time();
  add_job_description(call.response.get(), job, requested);
}

void IppPrinter::get_printer_attributes(Call& call) {
  PrinterDescription printer = call.session.describe();
  printer.state.up_time = up_time();
  const model::QueueControl control = call.session.control();
  printer.state.stopped = control.paused;
  printer.state.accepting = control.accepting;
  printer.state.changed_at = up_time_at(control.changed_at);
  const RequestedAttributes requested(call.request);
  call.status(IPP_STATUS_OK, "");
  add_printer_description(call.response.get(), printer, requested.get());
  Subscriptions::describe(call.response.get(), requested.get());
}

}  // namespace printline::ipp
