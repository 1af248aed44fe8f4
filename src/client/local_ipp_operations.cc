// The desktop client's printer as the IPP core's backend: every job is the daemon's user's.

#include "client/local_ipp_operations.h"

#include <fmt/format.h>

#include "client/local_ipp_attributes.h"

namespace printline::client {

class LocalIppOperations::Session final : public ipp::PrinterSession {
 public:
  Session(ClientService& service, const std::string& owner, std::string uri)
      : service_(service), owner_(owner), uri_(std::move(uri)) {}

  // Who may use this printer at all is decided before the request is read (D13,
  // local_printer_access.h); every job here is the owner's.
  std::optional<ipp::IppProblem> authenticate() override { return std::nullopt; }
  std::string requester() const override { return owner_; }
  bool sees_every_job() const override { return true; }
  std::string printer_name() const override { return "the Printline desktop client's printer"; }
  std::string printer_uri() const override { return uri_; }
  ipp::JobTemplateSupport job_template() override { return local_job_template(); }

  ipp::PrinterDescription describe() override {
    LocalPrinterContext where;
    where.uri = uri_;
    for (const auto& job : service_.jobs()) {
      if (ipp_job_completed(job.state)) continue;
      ++where.queued_jobs;
      if (ipp_job_state_of(job.state) == IPP_JSTATE_PROCESSING) where.printing = true;
    }
    auto printer = local_printer_description(where);
    printer.more_info = "http" + uri_.substr(uri_.find("://"));  // the same HTTP front
    return printer;
  }

  Result<ipp::SubmittedJob, ipp::IppProblem> submit(const ipp::NewJob& job,
                                                    transport::DocumentSource& document) override {
    // The job-uuid is the server's business: the outbox gives the job its own.
    SubmitRequest request;
    request.submitted_by = "ipp";
    request.title = job.title;
    request.document_format = job.document_format;
    request.copies = job.ticket.copies;
    request.ticket = job.ticket;
    auto queued = service_.submit(request, document);
    if (!queued.ok()) return ipp::IppProblem{IPP_STATUS_ERROR_INTERNAL, queued.error().message};
    return ipp::SubmittedJob{local_job_description(*queued, owner_), ""};
  }

  std::optional<ipp::JobDescription> find_job(const std::string& uuid) override {
    auto job = service_.job(uuid);
    if (!job) return std::nullopt;
    return local_job_description(*job, owner_);
  }
  std::optional<ipp::JobDescription> find_job_number(int) override { return std::nullopt; }

  std::vector<ipp::JobDescription> jobs(bool my_jobs, const char* requesting_user) override {
    std::vector<ipp::JobDescription> shown;
    // Every job here is the daemon's user's: "my jobs" of anyone else are none.
    if (my_jobs && requesting_user && owner_ != requesting_user) return shown;
    for (const auto& job : service_.jobs()) shown.push_back(local_job_description(job, owner_));
    return shown;
  }

  std::optional<ipp::IppProblem> cancel(const ipp::JobDescription& job) override {
    auto cancelled = service_.cancel(job.uuid);
    if (!cancelled.ok())
      return ipp::IppProblem{IPP_STATUS_ERROR_NOT_POSSIBLE, cancelled.error().message};
    return std::nullopt;
  }

 private:
  ClientService& service_;
  const std::string& owner_;
  std::string uri_;
};

LocalIppOperations::LocalIppOperations(ClientService& service, ipp::JobIds& ids, std::string owner)
    : service_(service), owner_(std::move(owner)), printer_(ids, ipp::IppPrinterLimits{1000, 1000}) {}

ipp::IppPtr LocalIppOperations::handle(ipp_t* request, transport::DocumentSource* document,
                                       const std::string& authority) {
  Session session(service_, owner_, fmt::format("ipp://{}/ipp/print", authority));
  return std::move(printer_.handle(request, document, session).response);
}

}  // namespace printline::client
