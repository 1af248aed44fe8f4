// A server queue as the IPP core's backend: who asks, the queue's jobs, and the intake.

#include "server/ipp_queues.h"

#include <fmt/format.h>

#include <chrono>

#include "core/logging.h"
#include "model/two_phase_submission.h"
#include "server/ipp_attributes.h"

namespace printline::server {
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

ipp::IppProblem problem(ipp_status_t status, std::string message) {
  return ipp::IppProblem{status, std::move(message)};
}

// The server keeps 10,000 Create-Jobs waiting for their document; one user holds at most a
// hundred of them (a client opens one job at a time), so no user fills the table for all.
constexpr ipp::IppPrinterLimits kLimits{10000, 100};

// Create-Job ids lie in [2^30, 2^31), above the database's ids. Each process starts at a point
// of that range taken from the clock (1024 ids further per millisecond, the cycle is 17
// minutes), so a client still holding an id from before a restart does not meet another job
// under it; the Create-Jobs themselves are not persisted (ipp/ipp_printer.h says why).
constexpr int kFirstCreatedJobId = 1 << 30;
int first_created_job_id() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return kFirstCreatedJobId + static_cast<int>((ms % (1 << 20)) << 10);
}

}  // namespace

class IppQueues::QueueSession final : public ipp::PrinterSession {
 public:
  QueueSession(ServerContext& context, IppExchange& exchange)
      : context_(context), exchange_(exchange) {}

  std::optional<ipp::IppProblem> open() override {
    auto queue = context_.store.find_queue_by_name(exchange_.queue_name);
    if (!queue.ok()) return problem(IPP_STATUS_ERROR_INTERNAL, queue.error().message);
    if (!*queue) {
      return problem(IPP_STATUS_ERROR_NOT_FOUND,
                     fmt::format("There is no print queue named {}.", exchange_.queue_name));
    }
    queue_ = **queue;
    return std::nullopt;
  }

  std::optional<ipp::IppProblem> authenticate() override {
    if (user_) return std::nullopt;
    auto auth = exchange_.authenticate();
    if (auth.ok()) {
      user_ = auth.user;
      return std::nullopt;
    }
    if (auth.problem == AuthProblem::kStoreFailure)
      return problem(IPP_STATUS_ERROR_INTERNAL, auth.message);
    if (auth.problem == AuthProblem::kDirectoryUnavailable)
      return problem(IPP_STATUS_ERROR_SERVICE_UNAVAILABLE, auth.message);
    auto refused = problem(IPP_STATUS_ERROR_NOT_AUTHORIZED, auth.message);
    refused.authentication_required = true;
    return refused;
  }

  std::string requester() const override { return user_ ? std::to_string(user_->id) : ""; }
  bool sees_every_job() const override { return user_ && user_->role == model::Role::kAdmin; }
  std::string printer_name() const override { return queue_.name; }
  std::string printer_uri() const override {
    return fmt::format("{}://{}/ipp/print/{}", context_.config.tls() ? "ipps" : "ipp",
                       exchange_.authority, queue_.name);
  }

  ipp::JobTemplateSupport job_template() override { return template_of(printer()); }

  // Read with the queue at open(): a pause on another node shows on the next request.
  model::QueueControl control() override { return queue_.control; }

  std::optional<ipp::IppProblem> set_control(const model::QueueControl& control) override {
    if (auto set = context_.store.set_queue_control(queue_.id, control); !set.ok())
      return problem(IPP_STATUS_ERROR_INTERNAL, set.error().message);
    queue_.control = control;
    object_logger("queue", queue_.name)
        ->info("{} and {} (set over IPP by {})", control.paused ? "paused" : "printing",
               control.accepting ? "accepting jobs" : "not accepting jobs",
               user_ ? user_->login : "?");
    return std::nullopt;
  }

  ipp::PrinterDescription describe() override {
    ipp::PrinterDescription shown;
    shown.uri = printer_uri();
    shown.tls = context_.config.tls();
    shown.authentication = "basic";
    shown.name = queue_.name;
    shown.info = fmt::format("Printline queue {}", queue_.name);
    shown.make_and_model = queue_.kind == model::QueueKind::kHold ? "Printline hold queue"
                                                                  : "Printline direct queue";
    shown.more_info = context_.base_url + "/";
    // Stable per queue id, so clients can recognise the queue after a restart.
    shown.uuid = fmt::format("urn:uuid:7072696e-746c-696e-6500-{:012x}", queue_.id);
    const auto behind = printer();
    if (behind) shown.location = behind->location;
    shown.job_template = template_of(behind);
    store::JobFilter filter;
    filter.limit = 10000;
    for (auto state : {model::JobState::kPending, model::JobState::kPrinting}) {
      filter.state = state;
      auto jobs = context_.store.list_jobs(filter);
      if (!jobs.ok()) continue;
      for (const auto& job : *jobs) {
        if (job.queue_id != queue_.id) continue;
        ++shown.state.queued_jobs;
        if (state == model::JobState::kPrinting) shown.state.printing = true;
      }
    }
    return shown;
  }

  Result<ipp::SubmittedJob, ipp::IppProblem> submit(const ipp::NewJob& job,
                                                    transport::DocumentSource& document) override {
    JobSubmission submission;
    submission.uuid = job.uuid;
    submission.owner = *user_;
    submission.queue_name = queue_.name;
    submission.title = job.title;
    submission.document_format = job.document_format;
    submission.ticket = job.ticket;  // the intake prices and prints it (D11)
    if (job.hold) submission.hold_reason = job.hold_reason;
    submission.held_by_pause = job.hold && job.held_by_pause;
    // D10: the desktop client's submission waits for its commit by UUID.
    ipp_attribute_t* two_phase = ippFindAttribute(exchange_.request, model::kCommitByUuidAttribute,
                                                  IPP_TAG_BOOLEAN);
    submission.awaiting_commit = two_phase && ippGetBoolean(two_phase, 0) && !job.uuid.empty();
    auto recorded = context_.jobs.submit(submission, document);
    if (!recorded.ok())
      return problem(status_for(recorded.error()), recorded.error().message);
    return ipp::SubmittedJob{
        job_description(recorded->job, user_->login),
        recorded->duplicate ? "This job was received before: it is not printed or charged again."
                            : ""};
  }

  std::optional<ipp::JobDescription> find_job(const std::string& uuid) override {
    auto found = context_.store.find_job(uuid);
    if (!found.ok() || !*found) return std::nullopt;
    return visible(**found);
  }

  std::optional<ipp::JobDescription> find_job_number(int number) override {
    for (auto& job : visible_jobs(false)) {
      if (job.id == number) return visible(job);
    }
    return std::nullopt;
  }

  std::vector<ipp::JobDescription> jobs(bool my_jobs, const char*) override {
    std::vector<ipp::JobDescription> shown;
    for (const auto& job : visible_jobs(my_jobs)) {
      if (job.queue_id == queue_.id) shown.push_back(job_description(job, owner_login(job)));
    }
    return shown;
  }

  std::optional<ipp::IppProblem> cancel(const ipp::JobDescription& job) override {
    auto cancelled = context_.jobs.cancel(job.uuid, *user_);
    if (!cancelled.ok())
      return problem(status_for(cancelled.error()), cancelled.error().message);
    return std::nullopt;
  }

  std::optional<ipp::IppProblem> hold(const ipp::JobDescription& job, const std::string& reason,
                                      bool by_pause) override {
    auto held = context_.jobs.hold(job.uuid, *user_, reason, by_pause);
    if (!held.ok()) return problem(status_for(held.error()), held.error().message);
    return std::nullopt;
  }

  // To the queue's own printers, priced for them and checked for credit (job_control.cc).
  std::optional<ipp::IppProblem> release(const ipp::JobDescription& job) override {
    auto released = context_.jobs.release(job.uuid, 0, *user_);
    if (!released.ok())
      return problem(status_for(released.error()), released.error().message);
    return std::nullopt;
  }

  // The server keeps no document after a job ends (printed, failed or cancelled: the spool
  // is cleared), so there is nothing to print again.
  std::optional<ipp::IppProblem> restart(const ipp::JobDescription& job) override {
    return problem(IPP_STATUS_ERROR_NOT_POSSIBLE,
                   fmt::format("Job {} has ended and its document is no longer kept; print it "
                               "again to restart it.",
                               job.job_id));
  }

 private:
  std::optional<model::Printer> printer() {
    if (!queue_.printer_id) return std::nullopt;
    auto found = context_.store.find_printer(*queue_.printer_id);
    if (!found.ok() || !*found) return std::nullopt;
    return **found;
  }

  // A queue keeps jobs held until released (job-hold-until, Hold-Job, Pause-Printer).
  static ipp::JobTemplateSupport template_of(const std::optional<model::Printer>& behind) {
    auto support = queue_job_template(behind);
    support.holds = true;
    return support;
  }

  // The jobs the requester may see: their own, or every one for an administrator.
  std::vector<model::Job> visible_jobs(bool only_own) {
    store::JobFilter filter;
    if (!sees_every_job() || only_own) filter.owner_id = user_->id;
    filter.limit = 10000;
    auto jobs = context_.store.list_jobs(filter);
    return jobs.ok() ? std::move(*jobs) : std::vector<model::Job>{};
  }

  std::optional<ipp::JobDescription> visible(const model::Job& job) {
    if ((job.owner_id != user_->id && !sees_every_job()) || job.queue_id != queue_.id)
      return std::nullopt;
    return job_description(job, owner_login(job));
  }

  std::string owner_login(const model::Job& job) {
    if (job.owner_id == user_->id) return user_->login;
    auto user = context_.store.find_user(job.owner_id);
    return user.ok() && *user ? (*user)->login : "";
  }

  ServerContext& context_;
  IppExchange& exchange_;
  model::PrintQueue queue_;
  std::optional<model::User> user_;
};

IppQueues::IppQueues(ServerContext& context)
    : context_(context), ids_({}, first_created_job_id(), kFirstCreatedJobId), printer_(ids_, kLimits) {}

IppAnswer IppQueues::handle(IppExchange& exchange) {
  QueueSession session(context_, exchange);
  return printer_.handle(exchange.request, exchange.document, session);
}

}  // namespace printline::server
