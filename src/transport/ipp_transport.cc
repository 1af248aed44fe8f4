#include "transport/ipp_transport.h"

#include <cups/cups.h>

#include <cstring>

#include "transport/ipp_client.h"
#include "transport/ipp_status.h"
#include "transport/ipp_ticket_fit.h"
#include "transport/outcome_message.h"
#include "transport/tcp_connection.h"

namespace printline::transport {
namespace {

constexpr std::chrono::milliseconds kCancelJobTimeout{2000};

class IppSession {
 public:
  IppSession(const DeviceUri& uri, const SendOptions& options)
      : uri_(uri), options_(options), client_(ipp_endpoint(uri), ipp_settings(options)) {}

  SendResult run(DocumentSource& document) {
    // Our own connect first: it honours the cancel flag and tells refused from timed out.
    // It is closed at once: printers often serve one connection at a time.
    {
      TcpConnection probe({options_.connect_timeout, options_.io_timeout, options_.cancel});
      if (auto error = probe.connect(uri_.host, uri_.port)) {
        return io_failure(uri_.text, *error, options_.io_timeout);
      }
    }
    IppClient::JobAttributes job{options_.title, options_.job_uuid, options_.document_format,
                                 options_.ticket, false};
    bool create_job = options_.ipp_operations == IppOperations::kCreateJobSendDocument;
    // The printer is asked what it supports when the operations are to be chosen or the ticket
    // asks anything (D11: only what it supports is sent, what it cannot do is refused).
    if (options_.ipp_operations == IppOperations::kAuto || asks_anything(options_.ticket)) {
      IppPrinterSupport support = client_.printer_support();
      if (options_.ipp_operations == IppOperations::kAuto) {
        create_job = support.create_job_send_document;
      }
      if (options_.cancel != nullptr && options_.cancel->cancelled()) {
        return make_result(Outcome::kCancelled, uri_.text);
      }
      if (asks_anything(options_.ticket)) {
        if (!support.answered) {
          // Whatever went wrong there, the job's request meets it again and reports it; the
          // ticket goes whole, and ipp-attribute-fidelity=false lets the printer substitute.
        } else {
          const std::string name = options_.printer_name.empty() ? uri_.text
                                                                 : options_.printer_name;
          auto fitted = fit_ticket(options_.ticket, support, name);
          if (!fitted.ok()) {
            SendResult refused;
            refused.outcome = Outcome::kRejectedByDevice;
            // Worded as transport::send_to_printer words the refusals it makes itself.
            refused.message =
                fitted.error().message + ". Nothing was printed and nothing is charged.";
            refused.ticket_refused = true;
            return refused;
          }
          job.ticket = *fitted;
        }
      }
    }
    if (create_job) {
      IppAnswer created = client_.create_job(job);
      if (auto failure = check(created)) return *failure;
      job_id_ = created.job_id();
      IppAnswer sent = client_.send_document(job_id_, options_.document_format, document);
      bytes_sent_ = sent.bytes_sent;
      auto failure = check(sent);
      if (failure && job_id_ > 0) {
        // So that no empty job is left on the printer.
        client_.cancel_job(job_id_, kCancelJobTimeout);
      }
      if (failure) return *failure;
      return delivered();
    }
    IppAnswer printed = client_.print_job(job, document);
    bytes_sent_ = printed.bytes_sent;
    if (auto failure = check(printed)) return *failure;
    job_id_ = printed.job_id();
    return delivered();
  }

 private:
  SendResult delivered() {
    SendResult result = with_bytes(make_result(Outcome::kDelivered, uri_.text));
    if (job_id_ > 0) result.device_job_id = job_id_;
    return result;
  }

  // A result unless the printer answered successful-ok.
  std::optional<SendResult> check(const IppAnswer& answer) {
    if (answer.cancelled) return with_bytes(make_result(Outcome::kCancelled, uri_.text));
    if (answer.stalled) {
      return with_bytes(io_failure(uri_.text, IoError{IoCode::kStalled, ""}, options_.io_timeout));
    }
    switch (answer.stage) {
      case IppExchangeStage::kNotConnected:
        return with_bytes(make_result(Outcome::kUnreachable, uri_.text, answer.error));
      case IppExchangeStage::kDocumentUnreadable:
        return with_bytes(make_result(Outcome::kInvalidRequest, uri_.text, answer.error));
      case IppExchangeStage::kRequestBroken:
      case IppExchangeStage::kNoAnswer: {
        if (answer.unauthorized) {
          return with_bytes(make_result(outcome_for_ipp_status(IPP_STATUS_ERROR_NOT_AUTHENTICATED),
                                        uri_.text, ippErrorString(IPP_STATUS_ERROR_NOT_AUTHENTICATED)));
        }
        // No answer at all: the printer dropped the connection in the middle of the job.
        return with_bytes(make_result(
            Outcome::kRejectedByDevice, uri_.text,
            std::string("the printer closed the connection without answering: ") +
                (answer.os_error != 0 ? std::strerror(answer.os_error) : answer.error)));
      }
      case IppExchangeStage::kAnswered:
        break;
    }
    const ipp_status_t status = answer.status();
    const Outcome outcome = outcome_for_ipp_status(status);
    if (outcome == Outcome::kDelivered) return std::nullopt;
    SendResult result =
        make_result(outcome, uri_.text, ippErrorString(status), answer.status_message());
    if (job_id_ > 0) result.device_job_id = job_id_;
    return with_bytes(std::move(result));
  }

  SendResult with_bytes(SendResult result) {
    result.bytes_sent = bytes_sent_;
    return result;
  }

  const DeviceUri& uri_;
  const SendOptions& options_;
  IppClient client_;
  int job_id_ = 0;
  std::uint64_t bytes_sent_ = 0;
};

}  // namespace

IppEndpoint ipp_endpoint(const DeviceUri& uri) {
  return {uri.host, uri.port, uri.scheme == "ipps", uri.resource.empty() ? "/" : uri.resource};
}

IppClientSettings ipp_settings(const SendOptions& options) {
  IppClientSettings settings;
  settings.connect_timeout = options.connect_timeout;
  settings.io_timeout = options.io_timeout;
  settings.cancel = options.cancel;
  settings.tls_trust = options.tls_trust;
  settings.user = options.user;
  return settings;
}

SendResult IppTransport::send(const DeviceUri& uri, DocumentSource& document,
                              const SendOptions& options) const {
  return IppSession(uri, options).run(document);
}

}  // namespace printline::transport
