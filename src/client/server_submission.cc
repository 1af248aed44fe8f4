#include "client/server_submission.h"

#include <cups/cups.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <memory>
#include <string>

#include "ipp/ipp_message.h"
#include "transport/ipps_peer_check.h"

namespace printline::client {

namespace {

struct HttpCloser {
  void operator()(http_t* http) const { httpClose(http); }
};
using HttpPtr = std::unique_ptr<http_t, HttpCloser>;
using ipp::IppPtr;

// libcups leaves its last message null until something sets it (e.g. a connection that broke
// before any IPP status arrived); fmt must never see a null string.
std::string cups_error_text() {
  const char* text = cupsLastErrorString();
  return text != nullptr && *text != '\0' ? text : "no answer";
}

// Never prompt on a terminal for a password: the token is the only credential.
const char* no_password(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

struct Deadline {
  std::chrono::steady_clock::time_point until;
};

// libcups asks every time-out slice whether to keep waiting; 0 gives up.
int keep_waiting(http_t*, void* data) {
  return std::chrono::steady_clock::now() < static_cast<Deadline*>(data)->until ? 1 : 0;
}

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
  const int fd = ::open(job.document.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return result(SubmissionOutcome::kRefused,
                  fmt::format("The spooled document {} cannot be read: cancel the job and print "
                              "it again.",
                              job.document.string()),
                  where);
  }
  std::unique_ptr<int, void (*)(int*)> close_fd(new int(fd), [](int* p) {
    ::close(*p);
    delete p;
  });
  cupsSetPasswordCB2(no_password, nullptr);
  HttpPtr http(httpConnect2(server.host.c_str(), server.port, nullptr, AF_UNSPEC,
                            server.tls ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_NEVER, 1,
                            static_cast<int>(connect_timeout.count()), nullptr));
  if (!http) {
    return result(SubmissionOutcome::kUnreachable,
                  fmt::format("The server {} cannot be reached: {}.", where, cups_error_text()),
                  where);
  }
  // D13: the token and the document go only to a peer that proved to be the server.
  if (server.tls) {
    if (auto refused = transport::check_ipps_peer(http.get(), server.host, server.port, trust)) {
      return result(SubmissionOutcome::kUnreachable, refused->message, where);
    }
  }
  Deadline deadline{std::chrono::steady_clock::now() + io_timeout};
  httpSetTimeout(http.get(), 1.0, keep_waiting, &deadline);

  const std::string resource = server.base_path + "/ipp/print/" + queue;
  const std::string printer_uri = fmt::format("{}://{}:{}{}", server.tls ? "ipps" : "ipp",
                                              server.host, server.port, resource);
  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               job.user.empty() ? cupsUser() : job.user.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, job.title.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               job.document_format.c_str());
  ippAddString(request, IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr,
               ("urn:uuid:" + job.uuid).c_str());
  if (job.copies > 1) ippAddInteger(request, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", job.copies);

  IppPtr owned_request(request);
  // One POST on the checked connection, encoded by libcups (ippWrite). Not cupsSendRequest:
  // it reconnects on its own after a failed write, and that new handshake is not checked.
  httpClearFields(http.get());
  const std::string authorization = "Bearer " + token;
  httpSetField(http.get(), HTTP_FIELD_AUTHORIZATION, authorization.c_str());
  httpSetField(http.get(), HTTP_FIELD_CONTENT_TYPE, "application/ipp");
  httpSetLength(http.get(), 0);  // chunked: the document's length is not known up front
  ipp_state_t written = IPP_STATE_ERROR;
  if (httpPost(http.get(), resource.c_str()) == 0) {
    while ((written = ippWrite(http.get(), request)) != IPP_STATE_DATA &&
           written != IPP_STATE_ERROR) {
    }
  }
  if (written != IPP_STATE_DATA) {
    // The request never got through whole: the server cannot have the job.
    return result(SubmissionOutcome::kUnreachable,
                  fmt::format("The server {} did not take the job: {}.", where,
                              cups_error_text()),
                  where);
  }
  http_status_t status = HTTP_STATUS_CONTINUE;
  std::array<char, 64 * 1024> buffer{};
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0) {
      return result(SubmissionOutcome::kRefused,
                    "The spooled document could not be read: cancel the job and print it again.",
                    where);
    }
    if (got == 0) break;
    status = cupsWriteRequestData(http.get(), buffer.data(), static_cast<size_t>(got));
    if (status != HTTP_STATUS_CONTINUE) {
      // The body was cut short: the server does not create a job from half a request.
      return result(SubmissionOutcome::kUnreachable,
                    fmt::format("The connection to {} broke while sending the job.", where),
                    where);
    }
  }
  IppPtr response(cupsGetResponse(http.get(), resource.c_str()));
  if (!response) {
    const http_status_t http_status = httpGetStatus(http.get());
    if (http_status == HTTP_STATUS_UNAUTHORIZED) {
      return result(SubmissionOutcome::kRefused,
                    "The server does not accept the stored login: log in again with "
                    "`printline login`, then retry the job.",
                    where);
    }
    // Everything was sent and no IPP answer came: the server may or may not have the job.
    return result(SubmissionOutcome::kUncertain,
                  fmt::format("The server {} did not answer after receiving the job ({}).", where,
                              cups_error_text()),
                  where);
  }
  const ipp_status_t ipp_status = ippGetStatusCode(response.get());
  std::string message = ippErrorString(ipp_status);
  if (ipp_attribute_t* text = ippFindAttribute(response.get(), "status-message", IPP_TAG_TEXT)) {
    if (const char* said = ippGetString(text, 0, nullptr)) message = said;
  }
  if (ipp_status <= IPP_STATUS_OK_EVENTS_COMPLETE) {
    const int job_id =
        ippGetInteger(ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER), 0);
    return result(SubmissionOutcome::kAccepted, "", where, job_id);
  }
  if (ipp_status >= IPP_STATUS_ERROR_INTERNAL) {
    // A server error may come after the job was recorded: ask before deciding (D6).
    return result(SubmissionOutcome::kUncertain,
                  fmt::format("The server {} answered with an error: {}.", where, message),
                  where);
  }
  return result(SubmissionOutcome::kRefused,
                fmt::format("The server refused the job: {}.", message), where);
}

}  // namespace

SubmissionResult submit_to_server(const std::vector<api_client::ServerUrl>& servers,
                                  const std::string& token, const TlsTrust& trust,
                                  const std::string& queue, const ServerSubmission& job,
                                  std::chrono::milliseconds connect_timeout,
                                  std::chrono::milliseconds io_timeout) {
  SubmissionResult last{SubmissionOutcome::kUnreachable, "No server address is configured.", ""};
  for (const auto& server : servers) {
    last = submit_once(server, token, trust, queue, job, connect_timeout, io_timeout);
    // Only a server that never got the job may be replaced by the next address.
    if (last.outcome != SubmissionOutcome::kUnreachable) return last;
  }
  return last;
}

}  // namespace printline::client
