// The desktop client's printer as the IPP core's backend: every job is the daemon's user's.

#include "client/local_ipp_operations.h"

#include <fmt/format.h>

#include "client/local_ipp_attributes.h"

namespace printline::client {

class LocalIppOperations::Session final : public ipp::PrinterSession {
 public:
  Session(ClientService& service, ipp::JobIds& ids, LocalHeldJobs& held,
          LocalPrinterControl& control, const std::string& owner, std::string uri)
      : service_(service),
        ids_(ids),
        held_(held),
        control_(control),
        owner_(owner),
        uri_(std::move(uri)) {}

  // Who may use this printer at all is decided before the request is read (D13,
  // local_printer_access.h); every job here is the owner's.
  std::optional<ipp::IppProblem> authenticate() override { return std::nullopt; }
  std::string requester() const override { return owner_; }
  bool sees_every_job() const override { return true; }
  std::string printer_name() const override { return "the Printline desktop client's printer"; }
  std::string printer_uri() const override { return uri_; }
  ipp::JobTemplateSupport job_template() override {
    auto support = local_job_template();
    support.holds = true;  // held here, before the outbox
    return support;
  }

  ipp::PrinterDescription describe() override {
    LocalPrinterContext where;
    where.uri = uri_;
    for (const auto& job : service_.jobs()) {
      if (ipp_job_completed(job.state)) continue;
      ++where.queued_jobs;
      if (ipp_job_state_of(job.state) == IPP_JSTATE_PROCESSING) where.printing = true;
    }
    for (const auto& job : held_.list())
      if (job.state == IPP_JSTATE_HELD) ++where.queued_jobs;
    auto printer = local_printer_description(where);
    printer.job_template = job_template();
    printer.more_info = "http" + uri_.substr(uri_.find("://"));  // the same HTTP front
    return printer;
  }

  model::QueueControl control() override { return control_.get(); }
  std::optional<ipp::IppProblem> set_control(const model::QueueControl& control) override {
    if (auto set = control_.set(control); !set.ok())
      return ipp::IppProblem{IPP_STATUS_ERROR_INTERNAL, set.error().message};
    return std::nullopt;
  }

  Result<ipp::SubmittedJob, ipp::IppProblem> submit(const ipp::NewJob& job,
                                                    transport::DocumentSource& document) override {
    if (job.hold) {
      auto held = held_.hold(job, document, owner_);
      if (!held.ok()) return ipp::IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE, held.error().message};
      return ipp::SubmittedJob{*held, job.hold_reason};
    }
    auto queued = to_outbox(job, document);
    if (!queued.ok()) return queued.error();
    return ipp::SubmittedJob{local_job_description(*queued, owner_), ""};
  }

  std::optional<ipp::JobDescription> find_job(const std::string& uuid) override {
    if (auto held = held_.find(uuid)) return held;
    auto job = service_.job(uuid);
    if (!job) return std::nullopt;
    return local_job_description(*job, owner_);
  }
  std::optional<ipp::JobDescription> find_job_number(int) override { return std::nullopt; }

  std::vector<ipp::JobDescription> jobs(bool my_jobs, const char* requesting_user) override {
    std::vector<ipp::JobDescription> shown;
    // Every job here is the daemon's user's: "my jobs" of anyone else are none.
    if (my_jobs && requesting_user && owner_ != requesting_user) return shown;
    shown = held_.list();
    for (const auto& job : service_.jobs()) shown.push_back(local_job_description(job, owner_));
    return shown;
  }

  std::optional<ipp::IppProblem> cancel(const ipp::JobDescription& job) override {
    if (held_.cancel(job.uuid)) return std::nullopt;
    auto cancelled = service_.cancel(job.uuid);
    if (!cancelled.ok())
      return ipp::IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE, cancelled.error().message};
    return std::nullopt;
  }

  // A job in the outbox is already on its way to the server or a fallback printer.
  std::optional<ipp::IppProblem> hold(const ipp::JobDescription& job, const std::string&,
                                      bool) override {
    return ipp::IppProblem{
        IPP_STATUS_ERROR_NOT_POSSIBLE,
        fmt::format("Job {} is already on its way to the printer; only a job printed with "
                    "job-hold-until, or while the printer is paused, waits here.",
                    job.job_id)};
  }

  // A job held here enters the outbox, keeping its job-id. A job of the outbox shown held
  // waits for a server, a choice of fallback printer or credit: releasing it sends it to the
  // server as soon as one answers, as Retry does (D4).
  std::optional<ipp::IppProblem> release(const ipp::JobDescription& job) override {
    if (auto released = held_.take(job.uuid)) {
      auto document = transport::open_document_file(released->document);
      if (!document.ok())
        return ipp::IppProblem{IPP_STATUS_ERROR_INTERNAL, document.error().message};
      auto queued = to_outbox(released->job, **document);
      std::error_code ignored;
      std::filesystem::remove(released->document, ignored);
      if (!queued.ok()) return queued.error();
      ids_.bind(job.job_id, queued->uuid);
      return std::nullopt;
    }
    auto retried = service_.retry(job.uuid);
    if (!retried.ok())
      return ipp::IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE, retried.error().message};
    return std::nullopt;
  }

  // An ended job was handed to the server or a fallback printer, or cancelled: its document
  // left the outbox with it.
  std::optional<ipp::IppProblem> restart(const ipp::JobDescription& job) override {
    return ipp::IppProblem{
        IPP_STATUS_ERROR_NOT_POSSIBLE,
        fmt::format("Job {} has ended and its document is no longer kept here; print it again "
                    "to restart it.",
                    job.job_id)};
  }

 private:
  Result<JobView, ipp::IppProblem> to_outbox(const ipp::NewJob& job,
                                             transport::DocumentSource& document) {
    // The job-uuid is the server's business: the outbox gives the job its own.
    SubmitRequest request;
    request.submitted_by = "ipp";
    request.title = job.title;
    request.document_format = job.document_format;
    request.copies = job.ticket.copies;
    request.ticket = job.ticket;
    auto queued = service_.submit(request, document);
    if (!queued.ok()) return ipp::IppProblem{IPP_STATUS_ERROR_INTERNAL, queued.error().message};
    return *queued;
  }

  ClientService& service_;
  ipp::JobIds& ids_;
  LocalHeldJobs& held_;
  LocalPrinterControl& control_;
  const std::string& owner_;
  std::string uri_;
};

LocalIppOperations::LocalIppOperations(ClientService& service, ipp::JobIds& ids, std::string owner,
                                       const std::filesystem::path& state_dir)
    : service_(service),
      ids_(ids),
      owner_(std::move(owner)),
      held_(state_dir / "local-ipp-held"),
      control_(state_dir / "local-ipp-printer-state.json"),
      printer_(ids, ipp::IppPrinterLimits{1000, 1000}) {}

ipp::IppPtr LocalIppOperations::handle(ipp_t* request, transport::DocumentSource* document,
                                       const std::string& authority) {
  Session session(service_, ids_, held_, control_, owner_,
                  fmt::format("ipp://{}/ipp/print", authority));
  return std::move(printer_.handle(request, document, session).response);
}

}  // namespace printline::client
