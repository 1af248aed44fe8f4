#include "transport/ipp_transport.h"

#include <cups/cups.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "core/job_uuid.h"
#include "transport/document_pump.h"
#include "transport/ipps_peer_check.h"
#include "transport/ipp_status.h"
#include "transport/outcome_message.h"

namespace printline::transport {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kCancelJobTimeout{2000};

struct HttpCloser {
  void operator()(http_t* http) const { httpClose(http); }
};
struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using HttpPtr = std::unique_ptr<http_t, HttpCloser>;
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;

// Never prompt on a terminal for a password (libcups' default); report instead.
const char* no_password(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

// libcups calls this every time-out slice; returning 0 aborts the pending I/O.
struct Watchdog {
  const SendOptions* options;
  Clock::time_point last_progress = Clock::now();
  bool cancelled = false;
  bool stalled = false;
};

int keep_waiting(http_t*, void* data) {
  auto* watchdog = static_cast<Watchdog*>(data);
  if (watchdog->options->cancel != nullptr && watchdog->options->cancel->cancelled()) {
    watchdog->cancelled = true;
    return 0;
  }
  if (Clock::now() - watchdog->last_progress >= watchdog->options->io_timeout) {
    watchdog->stalled = true;
    return 0;
  }
  return 1;
}

class IppSession {
 public:
  IppSession(const DeviceUri& uri, const SendOptions& options)
      : uri_(uri), options_(options), watchdog_{&options} {
    resource_ = uri.resource.empty() ? "/" : uri.resource;
  }

  SendResult run(DocumentSource& document) {
    // Our own connect first: it honours the cancel flag and tells refused from timed out.
    // It is closed at once: printers often serve one connection at a time.
    {
      TcpConnection probe({options_.connect_timeout, options_.io_timeout, options_.cancel});
      if (auto error = probe.connect(uri_.host, uri_.port)) {
        return io_failure(uri_.text, *error, options_.io_timeout);
      }
    }
    cupsSetPasswordCB2(no_password, nullptr);
    http_ = connect_http(options_.connect_timeout, watchdog_);
    if (!http_) {
      return make_result(Outcome::kUnreachable, uri_.text,
                         refusal_.empty() ? cupsLastErrorString() : refusal_.c_str());
    }
    const bool create_job = use_create_job();
    if (watchdog_.cancelled || watchdog_.stalled) return *check(nullptr);
    if (create_job) {
      IppPtr create(new_request(IPP_OP_CREATE_JOB));
      add_job_attributes(create.get());
      watchdog_.last_progress = Clock::now();
      IppPtr response(cupsDoRequest(http_.get(), create.release(), resource_.c_str()));
      if (auto failure = check(response.get())) return *failure;
      job_id_ = ippGetInteger(ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER), 0);
      IppPtr send(new_request(IPP_OP_SEND_DOCUMENT));
      ippAddInteger(send.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id_);
      ippAddString(send.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                   options_.document_format.c_str());
      ippAddBoolean(send.get(), IPP_TAG_OPERATION, "last-document", 1);
      SendResult result = stream(send.get(), document);
      if (!result.delivered() && job_id_ > 0) cancel_job();
      return result;
    }
    IppPtr print(new_request(IPP_OP_PRINT_JOB));
    add_job_attributes(print.get());
    return stream(print.get(), document);
  }

 private:
  HttpPtr connect_http(std::chrono::milliseconds timeout, Watchdog& watchdog) {
    HttpPtr http(
        httpConnect2(uri_.host.c_str(), uri_.port, nullptr, AF_UNSPEC,
                     uri_.scheme == "ipps" ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED,
                     1, static_cast<int>(timeout.count()), nullptr));
    if (http && uri_.scheme == "ipps") {
      // D13: nothing goes to a printer whose certificate is not trusted.
      if (auto refused = check_ipps_peer(http.get(), uri_.host, uri_.port, options_.tls_trust)) {
        refusal_ = refused->message;
        return nullptr;
      }
    }
    if (http) {
      httpSetTimeout(http.get(), kCancelPollInterval.count() / 1000.0, keep_waiting, &watchdog);
    }
    return http;
  }

  // Best effort after a failed Send-Document, so that no empty job is left on the printer.
  // On a fresh connection, bounded in time, and not stopped by the caller's cancel flag (which
  // may be why the send failed).
  void cancel_job() {
    SendOptions quick = options_;
    quick.cancel = nullptr;
    quick.io_timeout = std::min(options_.io_timeout, kCancelJobTimeout);
    Watchdog watchdog{&quick};
    HttpPtr http = connect_http(kCancelJobTimeout, watchdog);
    if (!http) return;
    IppPtr request(new_request(IPP_OP_CANCEL_JOB));
    ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id_);
    IppPtr response(cupsDoRequest(http.get(), request.release(), resource_.c_str()));
  }

  ipp_t* new_request(ipp_op_t operation) {
    ipp_t* request = ippNewRequest(operation);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 uri_.text.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                 options_.user.empty() ? cupsUser() : options_.user.c_str());
    return request;
  }

  void add_job_attributes(ipp_t* request) {
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
                 options_.title.empty() ? "Printline job" : options_.title.c_str());
    if (ippGetOperation(request) == IPP_OP_PRINT_JOB) {
      ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                   options_.document_format.c_str());
    }
    if (printline::is_valid_job_uuid(options_.job_uuid)) {
      const std::string urn = "urn:uuid:" + options_.job_uuid;
      ippAddString(request, IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr, urn.c_str());
    }
    if (options_.ticket.copies > 1) {
      ippAddInteger(request, IPP_TAG_JOB, IPP_TAG_INTEGER, "copies", options_.ticket.copies);
    }
  }

  bool use_create_job() {
    if (options_.ipp_operations != IppOperations::kAuto) {
      return options_.ipp_operations == IppOperations::kCreateJobSendDocument;
    }
    IppPtr request(new_request(IPP_OP_GET_PRINTER_ATTRIBUTES));
    ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", nullptr,
                 "operations-supported");
    watchdog_.last_progress = Clock::now();
    IppPtr response(cupsDoRequest(http_.get(), request.release(), resource_.c_str()));
    ipp_attribute_t* operations =
        ippFindAttribute(response.get(), "operations-supported", IPP_TAG_ENUM);
    // Whatever went wrong here, Print-Job will meet it again and report it properly.
    return operations != nullptr && ippContainsInteger(operations, IPP_OP_CREATE_JOB) &&
           ippContainsInteger(operations, IPP_OP_SEND_DOCUMENT);
  }

  // Sends a request with the document as its body and reads the printer's answer.
  SendResult stream(ipp_t* request, DocumentSource& document) {
    watchdog_.last_progress = Clock::now();
    http_status_t status =
        cupsSendRequest(http_.get(), request, resource_.c_str(), CUPS_LENGTH_VARIABLE);
    std::string read_error;
    if (status == HTTP_STATUS_CONTINUE) {
      auto write = [&](std::span<const char> data) -> std::optional<IoError> {
        if (options_.cancel != nullptr && options_.cancel->cancelled()) {
          watchdog_.cancelled = true;
          return IoError{IoCode::kCancelled, "cancelled"};
        }
        status = cupsWriteRequestData(http_.get(), data.data(), data.size());
        if (status != HTTP_STATUS_CONTINUE) return IoError{IoCode::kOther, "write failed"};
        bytes_sent_ += data.size();
        watchdog_.last_progress = Clock::now();
        return std::nullopt;
      };
      if (auto failure = pump_document(document, write)) read_error = failure->read_error;
    }
    if (!read_error.empty()) {
      return with_bytes(make_result(Outcome::kInvalidRequest, uri_.text, read_error));
    }
    // Waiting for an answer would only add a reconnect or another time-out.
    if (watchdog_.cancelled || watchdog_.stalled) return *check(nullptr);
    watchdog_.last_progress = Clock::now();
    IppPtr response(cupsGetResponse(http_.get(), resource_.c_str()));
    if (auto failure = check(response.get())) return *failure;
    if (job_id_ == 0) {
      job_id_ = ippGetInteger(ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER), 0);
    }
    SendResult result = with_bytes(make_result(Outcome::kDelivered, uri_.text));
    if (job_id_ > 0) result.device_job_id = job_id_;
    return result;
  }

  // A result unless the printer answered successful-ok.
  std::optional<SendResult> check(ipp_t* response) {
    if (watchdog_.cancelled) return with_bytes(make_result(Outcome::kCancelled, uri_.text));
    if (watchdog_.stalled) {
      return with_bytes(io_failure(uri_.text, IoError{IoCode::kStalled, ""}, options_.io_timeout));
    }
    const ipp_status_t status = response != nullptr ? ippGetStatusCode(response) : cupsLastError();
    if (response == nullptr && status != IPP_STATUS_ERROR_NOT_AUTHENTICATED &&
        status != IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED) {
      // No answer at all: the printer dropped the connection in the middle of the job.
      const int error = httpError(http_.get());
      return with_bytes(
          make_result(Outcome::kRejectedByDevice, uri_.text,
                      std::string("the printer closed the connection without answering: ") +
                          (error != 0 ? std::strerror(error) : cupsLastErrorString())));
    }
    const Outcome outcome = outcome_for_ipp_status(status);
    if (outcome == Outcome::kDelivered) return std::nullopt;
    const char* words = nullptr;
    if (ipp_attribute_t* message = ippFindAttribute(response, "status-message", IPP_TAG_TEXT)) {
      words = ippGetString(message, 0, nullptr);
    }
    std::string device_message = words != nullptr ? words : ippErrorString(status);
    SendResult result = make_result(outcome, uri_.text, ippErrorString(status), device_message);
    if (job_id_ > 0) result.device_job_id = job_id_;
    return with_bytes(std::move(result));
  }

  SendResult with_bytes(SendResult result) {
    result.bytes_sent = bytes_sent_;
    return result;
  }

  const DeviceUri& uri_;
  const SendOptions& options_;
  Watchdog watchdog_;
  std::string resource_;
  HttpPtr http_;
  std::string refusal_;  // why the ipps:// peer was not trusted
  int job_id_ = 0;
  std::uint64_t bytes_sent_ = 0;
};

}  // namespace

SendResult IppTransport::send(const DeviceUri& uri, DocumentSource& document,
                              const SendOptions& options) const {
  return IppSession(uri, options).run(document);
}

}  // namespace printline::transport
