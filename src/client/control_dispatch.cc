#include "client/control_dispatch.h"

#include <fcntl.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "transport/document_source.h"

namespace printline::client {

using nlohmann::json;

namespace {

std::string job_answer(const Result<JobView>& result) {
  if (!result.ok()) return error_line(result.error().message);
  return ok_line({{"job", *result}});
}

std::string submit(ClientService& service, const ControlRequest& request, UniqueFd document) {
  if (!document) {
    return error_line(
        "A submit request needs the document as a file descriptor passed with SCM_RIGHTS on "
        "the same message as the request line; use `printline print FILE`, which does that.");
  }
  const int mode = ::fcntl(document.get(), F_GETFL);
  if (mode < 0 || (mode & O_ACCMODE) == O_WRONLY) {
    return error_line(
        "The document's file descriptor cannot be read; open the document for reading "
        "before passing it.");
  }
  auto source = transport::document_from_fd(document.get());
  return job_answer(service.submit(request.submit, *source));
}

}  // namespace

Result<std::string> resolve_job_reference(const ClientService& service, const std::string& ref) {
  if (service.job(ref)) return ref;
  std::string found;
  int matches = 0;
  for (const auto& job : service.jobs()) {
    if (job.uuid.compare(0, ref.size(), ref) == 0) {
      found = job.uuid;
      ++matches;
    }
  }
  if (matches == 1) return found;
  if (matches == 0) {
    return Error{trf("There is no job {job} in this client; `printline jobs` lists them.",
                     fmt::arg("job", ref))};
  }
  return Error{trnf("{count} job starts with {prefix}; give more of the job's UUID.",
                    "{count} jobs start with {prefix}; give more of the job's UUID.",
                    static_cast<unsigned long>(matches), fmt::arg("prefix", ref))};
}

std::string answer_request(ClientService& service, const ControlRequest& request,
                           UniqueFd document) {
  auto with_job = [&](auto&& call) -> std::string {
    auto uuid = resolve_job_reference(service, request.job);
    if (!uuid.ok()) return error_line(uuid.error().message);
    return call(*uuid);
  };
  switch (request.command) {
    case ControlCommand::kSubmit:
      return submit(service, request, std::move(document));
    case ControlCommand::kStatus:
      return ok_line({{"status", service.status()}});
    case ControlCommand::kJobs:
      return ok_line({{"jobs", service.jobs()}});
    case ControlCommand::kJob:
      return with_job([&](const std::string& uuid) {
        auto job = service.job(uuid);
        if (!job) return error_line("That job is no longer in this client; `printline jobs` "
                                    "lists the jobs it has.");
        return ok_line({{"job", *job}});
      });
    case ControlCommand::kChoose:
      return with_job([&](const std::string& uuid) {
        return job_answer(service.choose(uuid, request.printer));
      });
    case ControlCommand::kCancel:
      return with_job([&](const std::string& uuid) { return job_answer(service.cancel(uuid)); });
    case ControlCommand::kRetry:
      return with_job([&](const std::string& uuid) { return job_answer(service.retry(uuid)); });
    case ControlCommand::kLogin: {
      auto status = service.login(request.login, request.password,
                                  {request.server_address, request.server_fingerprint});
      if (!status.ok()) return error_line(status.error().message);
      return ok_line({{"status", *status}});
    }
    case ControlCommand::kPrinters:
      return ok_line({{"printers", service.fallback_printers(request.filter)}});
    case ControlCommand::kFallbackTest:
      return ok_line({{"rows", service.test_fallback(request.send_test_page)}});
    case ControlCommand::kSubscribe:
      break;
  }
  return error_line("subscribe is answered by the socket server, not here; this is a bug in "
                    "Printline — please report it.");
}

}  // namespace printline::client
