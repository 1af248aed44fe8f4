#include "client/server_submission.h"

#include <cups/cups.h>
#include <fmt/format.h>

#include "core/i18n.h"
#include "transport/document_source.h"
#include "transport/ipp_client.h"

namespace printline::client {

namespace {

using transport::IppExchangeStage;

SubmissionResult result(SubmissionOutcome outcome, std::string message, const std::string& server,
                        int job_id = 0) {
  return {outcome, std::move(message), server, job_id};
}

SubmissionResult submit_once(const api_client::ServerUrl& server, const std::string& token,
                             const TlsTrust& trust, const std::string& queue,
                             const ServerSubmission& job,
                             std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds io_timeout) {
  const std::string where = server.to_string();
  auto document = transport::open_document_file(job.document);
  if (!document.ok()) {
    return result(SubmissionOutcome::kRefused,
                  fmt::format("The spooled document {} cannot be read: cancel the job and print "
                              "it again.",
                              job.document.string()),
                  where);
  }
  transport::IppClientSettings settings;
  settings.connect_timeout = connect_timeout;
  settings.io_timeout = io_timeout;
  settings.tls_trust = trust;  // D13: the token and the job go only to the proven server
  settings.bearer_token = token;
  settings.user = job.user;
  transport::IppClient client(
      {server.host, server.port, server.tls, server.base_path + "/ipp/print/" + queue},
      settings);
  // D10: the server holds the job uncommitted until the daemon commits it by UUID.
  transport::IppClient::JobAttributes attributes{job.title, job.uuid, job.document_format,
                                                 job.ticket, true};
  const transport::IppAnswer answer = client.print_job(attributes, **document);
  switch (answer.stage) {
    case IppExchangeStage::kNotConnected:
      return result(SubmissionOutcome::kUnreachable,
                    trf("The server {server} cannot be reached: {reason}.",
                        fmt::arg("server", where), fmt::arg("reason", answer.error)),
                    where);
    case IppExchangeStage::kRequestBroken:
      // The request never got through whole: the server does not create a job from half a
      // request.
      return result(SubmissionOutcome::kUnreachable,
                    trf("The server {server} did not take the job: {reason}.",
                        fmt::arg("server", where), fmt::arg("reason", answer.error)),
                    where);
    case IppExchangeStage::kDocumentUnreadable:
      return result(SubmissionOutcome::kRefused,
                    tr("The spooled document could not be read: cancel the job and print it "
                       "again."),
                    where);
    case IppExchangeStage::kNoAnswer:
      if (answer.unauthorized) {
        return result(SubmissionOutcome::kRefused,
                      tr("The server does not accept the stored login: log in again with "
                         "`printline login`, then retry the job."),
                      where);
      }
      // Everything was sent and no IPP answer came: the server may or may not have the job.
      return result(SubmissionOutcome::kUncertain,
                    trf("The server {server} did not answer after receiving the job ({reason}).",
                        fmt::arg("server", where), fmt::arg("reason", answer.error)),
                    where);
    case IppExchangeStage::kAnswered:
      break;
  }
  if (answer.ok()) return result(SubmissionOutcome::kAccepted, "", where, answer.job_id());
  if (answer.status() >= IPP_STATUS_ERROR_INTERNAL) {
    // A server error may come after the job was recorded: ask before deciding (D6).
    return result(SubmissionOutcome::kUncertain,
                  trf("The server {server} answered with an error: {reason}.",
                      fmt::arg("server", where), fmt::arg("reason", answer.status_message())),
                  where);
  }
  return result(SubmissionOutcome::kRefused,
                trf("The server refused the job: {reason}.",
                    fmt::arg("reason", answer.status_message())),
                where);
}

}  // namespace

SubmissionResult submit_to_server(const std::vector<api_client::ServerUrl>& servers,
                                  const std::string& token, const TlsTrust& trust,
                                  const std::string& queue, const ServerSubmission& job,
                                  std::chrono::milliseconds connect_timeout,
                                  std::chrono::milliseconds io_timeout) {
  SubmissionResult last{SubmissionOutcome::kUnreachable, tr("No server address is configured."),
                        ""};
  for (const auto& server : servers) {
    last = submit_once(server, token, trust, queue, job, connect_timeout, io_timeout);
    // Only a server that never got the job may be replaced by the next address.
    if (last.outcome != SubmissionOutcome::kUnreachable) return last;
  }
  return last;
}

}  // namespace printline::client
