#include "transport/ipp_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/job_uuid.h"
#include "model/two_phase_submission.h"
#include "transport/document_pump.h"
#include "transport/ipp_job_ticket.h"
#include "transport/ipps_peer_check.h"

namespace printline::transport {
namespace {

using Clock = std::chrono::steady_clock;

struct HttpCloser {
  void operator()(http_t* http) const { httpClose(http); }
};
using HttpPtr = std::unique_ptr<http_t, HttpCloser>;

// Never prompt on a terminal for a password (libcups' default): report instead.
const char* no_password(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

// libcups leaves its last message null until something sets it; fmt must never see null.
std::string cups_error_text() {
  const char* text = cupsLastErrorString();
  return text != nullptr && *text != '\0' ? text : "no answer";
}

// libcups asks every time-out slice whether to keep waiting; 0 aborts the pending I/O.
struct Watchdog {
  const CancelFlag* cancel = nullptr;
  std::chrono::milliseconds io_timeout;
  Clock::time_point last_progress = Clock::now();
  bool cancelled = false;
  bool stalled = false;
};

int keep_waiting(http_t*, void* data) {
  auto* watchdog = static_cast<Watchdog*>(data);
  if (watchdog->cancel != nullptr && watchdog->cancel->cancelled()) {
    watchdog->cancelled = true;
    return 0;
  }
  if (Clock::now() - watchdog->last_progress >= watchdog->io_timeout) {
    watchdog->stalled = true;
    return 0;
  }
  return 1;
}

// D13: a printer (or someone posing as one) is not trusted to end its answer. 16 MiB holds a
// Get-Jobs listing of tens of thousands of jobs.
constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

// ippReadIO's source: the HTTP body, refused past kMaxAnswerBytes.
struct BoundedBody {
  http_t* http;
  std::size_t left = kMaxAnswerBytes;
  bool too_large = false;
};

ssize_t read_bounded(void* context, ipp_uchar_t* buffer, size_t bytes) {
  auto* body = static_cast<BoundedBody*>(context);
  if (bytes > body->left) {
    body->too_large = true;
    return -1;
  }
  // ippReadIO asks for exact sizes (a tag, a length, a value) and takes a short read as the
  // end: read until the size is there, as libcups' own reader does.
  size_t done = 0;
  while (done < bytes) {
    const ssize_t got = httpRead2(body->http, reinterpret_cast<char*>(buffer) + done, bytes - done);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) break;
    done += static_cast<size_t>(got);
  }
  body->left -= done;
  return static_cast<ssize_t>(done);
}

// The answer's IPP message, read within kMaxAnswerBytes whether its length is declared (refused
// at once when larger) or it comes in chunks (counted as they arrive). Null on failure, with
// `error` for people and the HTTP status or errno in `answer`.
IppMessage read_answer(http_t* http, bool chunked_request, const std::string& where,
                       IppAnswer& answer, std::string& error) {
  if (chunked_request && httpWrite2(http, "", 0) < 0) {  // the last, empty chunk
    answer.os_error = httpError(http);
    error = fmt::format("the connection to {} broke while sending the document", where);
    return nullptr;
  }
  // The status may have come while the request was being written.
  http_status_t status = httpGetStatus(http);
  while (status == HTTP_STATUS_CONTINUE) status = httpUpdate(http);
  if (status != HTTP_STATUS_OK) {
    if (status != HTTP_STATUS_ERROR) httpFlush(http);
    answer.unauthorized = status == HTTP_STATUS_UNAUTHORIZED;
    answer.os_error = status == HTTP_STATUS_ERROR ? httpError(http) : 0;
    error = fmt::format("{} did not answer ({})", where,
                        answer.os_error != 0          ? std::strerror(answer.os_error)
                        : status == HTTP_STATUS_ERROR ? std::string("no answer")
                                                      : std::string(httpStatus(status)));
    return nullptr;
  }
  const std::string too_large =
      fmt::format("{} answered with more than {} MiB: refused", where, kMaxAnswerBytes >> 20);
  if (httpGetLength2(http) > static_cast<off_t>(kMaxAnswerBytes)) {
    error = too_large;
    return nullptr;
  }
  BoundedBody body{http};
  IppMessage response(ippNew());
  ipp_state_t state;
  while ((state = ippReadIO(&body, read_bounded, 1, nullptr, response.get())) != IPP_STATE_DATA) {
    if (state == IPP_STATE_ERROR) {
      answer.os_error = body.too_large ? 0 : httpError(http);
      error = body.too_large
                  ? too_large
                  : fmt::format("{} sent a broken answer ({})", where,
                                answer.os_error != 0 ? std::strerror(answer.os_error) : "not IPP");
      return nullptr;
    }
  }
  return response;
}

std::vector<std::string> keywords(ipp_t* response, const char* name) {
  std::vector<std::string> out;
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
  for (int i = 0; attr != nullptr && i < ippGetCount(attr); ++i) {
    if (const char* value = ippGetString(attr, i, nullptr)) out.emplace_back(value);
  }
  return out;
}

std::vector<int> integers(ipp_t* response, const char* name) {
  std::vector<int> out;
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
  for (int i = 0; attr != nullptr && i < ippGetCount(attr); ++i) {
    out.push_back(ippGetInteger(attr, i));
  }
  return out;
}

}  // namespace

std::string IppEndpoint::uri() const {
  const std::string path = resource.empty() ? "/" : resource;
  // An IPv6 literal needs brackets in a URI.
  const bool v6 = host.find(':') != std::string::npos && !host.starts_with("[");
  return fmt::format("{}://{}{}{}:{}{}", tls ? "ipps" : "ipp", v6 ? "[" : "", host, v6 ? "]" : "",
                     port, path);
}

ipp_status_t IppAnswer::status() const {
  return response ? ippGetStatusCode(response.get()) : cupsLastError();
}

bool IppAnswer::ok() const {
  return answered() && ippGetStatusCode(response.get()) <= IPP_STATUS_OK_EVENTS_COMPLETE;
}

std::string IppAnswer::status_message() const {
  if (response) {
    if (ipp_attribute_t* text = ippFindAttribute(response.get(), "status-message", IPP_TAG_TEXT)) {
      if (const char* said = ippGetString(text, 0, nullptr)) return said;
    }
  }
  return ippErrorString(status());
}

int IppAnswer::job_id() const {
  if (!response) return 0;
  return ippGetInteger(ippFindAttribute(response.get(), "job-id", IPP_TAG_INTEGER), 0);
}

IppClient::IppClient(IppEndpoint endpoint, IppClientSettings settings)
    : endpoint_(std::move(endpoint)), settings_(std::move(settings)) {}

IppMessage IppClient::new_request(ipp_op_t operation) const {
  IppMessage request(ippNewRequest(operation));
  const std::string uri = endpoint_.uri();
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               settings_.user.empty() ? cupsUser() : settings_.user.c_str());
  return request;
}

IppAnswer IppClient::exchange(IppMessage request, DocumentSource* document) {
  IppAnswer answer;
  Watchdog watchdog{settings_.cancel, settings_.io_timeout};
  auto finish = [&](IppExchangeStage stage, std::string error) {
    answer.stage = stage;
    answer.error = std::move(error);
    answer.cancelled = watchdog.cancelled;
    answer.stalled = watchdog.stalled;
    return std::move(answer);
  };
  const std::string where = TlsTrust::key(endpoint_.host, endpoint_.port);
  const char* resource = endpoint_.resource.empty() ? "/" : endpoint_.resource.c_str();
  cupsSetPasswordCB2(no_password, nullptr);
  HttpPtr http(httpConnect2(endpoint_.host.c_str(), endpoint_.port, nullptr, AF_UNSPEC,
                            endpoint_.tls ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_NEVER, 1,
                            static_cast<int>(settings_.connect_timeout.count()), nullptr));
  if (!http) {
    answer.os_error = errno;
    return finish(IppExchangeStage::kNotConnected, cups_error_text());
  }
  // D13: nothing (not even the token) goes to a peer that did not prove who it is.
  if (endpoint_.tls) {
    if (auto refused =
            check_ipps_peer(http.get(), endpoint_.host, endpoint_.port, settings_.tls_trust)) {
      return finish(IppExchangeStage::kNotConnected, refused->message);
    }
  }
  httpSetTimeout(http.get(), kCancelPollInterval.count() / 1000.0, keep_waiting, &watchdog);

  httpClearFields(http.get());
  if (!settings_.bearer_token.empty()) {
    const std::string authorization = "Bearer " + settings_.bearer_token;
    httpSetField(http.get(), HTTP_FIELD_AUTHORIZATION, authorization.c_str());
  }
  httpSetField(http.get(), HTTP_FIELD_CONTENT_TYPE, "application/ipp");
  if (document != nullptr) {
    httpSetLength(http.get(), 0);  // chunked: a document's length may not be known up front
  } else {
    httpSetLength(http.get(), ippLength(request.get()));
  }
  ipp_state_t written = IPP_STATE_ERROR;
  watchdog.last_progress = Clock::now();
  if (httpPost(http.get(), resource) == 0) {
    while ((written = ippWrite(http.get(), request.get())) != IPP_STATE_DATA &&
           written != IPP_STATE_ERROR) {
    }
  }
  if (written != IPP_STATE_DATA) {
    answer.os_error = httpError(http.get());
    return finish(IppExchangeStage::kRequestBroken, cups_error_text());
  }
  if (document != nullptr) {
    bool broken = false;
    auto write = [&](std::span<const char> data) -> std::optional<IoError> {
      if (settings_.cancel != nullptr && settings_.cancel->cancelled()) {
        watchdog.cancelled = true;
        return IoError{IoCode::kCancelled, "cancelled"};
      }
      if (cupsWriteRequestData(http.get(), data.data(), data.size()) != HTTP_STATUS_CONTINUE) {
        broken = true;
        return IoError{IoCode::kOther, "write failed"};
      }
      answer.bytes_sent += data.size();
      watchdog.last_progress = Clock::now();
      return std::nullopt;
    };
    if (auto failure = pump_document(*document, write)) {
      if (!failure->read_error.empty()) {
        return finish(IppExchangeStage::kDocumentUnreadable, failure->read_error);
      }
      if (broken) answer.os_error = httpError(http.get());
      // Cut short: a peer does not act on half a request.
      return finish(
          IppExchangeStage::kRequestBroken,
          watchdog.cancelled ? "cancelled"
          : watchdog.stalled
              ? fmt::format("{} stopped taking data", where)
              : fmt::format("the connection to {} broke while sending the document{}", where,
                            answer.os_error != 0
                                ? fmt::format(" ({})", std::strerror(answer.os_error))
                                : ""));
    }
  }
  // Waiting for an answer would only add another time-out.
  if (watchdog.cancelled || watchdog.stalled) {
    return finish(IppExchangeStage::kNoAnswer,
                  watchdog.cancelled ? "cancelled" : fmt::format("{} stopped answering", where));
  }
  watchdog.last_progress = Clock::now();
  std::string error;
  answer.response = read_answer(http.get(), document != nullptr, where, answer, error);
  if (!answer.response) return finish(IppExchangeStage::kNoAnswer, error);
  return finish(IppExchangeStage::kAnswered, "");
}

IppPrinterSupport IppClient::printer_support() {
  static const char* const kWanted[] = {"operations-supported",
                                        "sides-supported",
                                        "print-color-mode-supported",
                                        "media-supported",
                                        "copies-supported",
                                        "number-up-supported",
                                        "page-ranges-supported",
                                        "orientation-requested-supported",
                                        "print-quality-supported",
                                        "finishings-supported",
                                        "document-format-supported",
                                        "media-type-supported",
                                        "media-source-supported",
                                        "multiple-document-handling-supported",
                                        "color-supported"};
  IppMessage request = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddStrings(request.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  IppAnswer answer = exchange(std::move(request));
  IppPrinterSupport support;
  if (!answer.ok()) return support;
  ipp_t* response = answer.response.get();
  support.answered = true;
  ipp_attribute_t* operations = ippFindAttribute(response, "operations-supported", IPP_TAG_ENUM);
  support.create_job_send_document = operations != nullptr &&
                                     ippContainsInteger(operations, IPP_OP_CREATE_JOB) &&
                                     ippContainsInteger(operations, IPP_OP_SEND_DOCUMENT);
  support.sides = keywords(response, "sides-supported");
  support.color_modes = keywords(response, "print-color-mode-supported");
  support.media = keywords(response, "media-supported");
  support.document_formats = keywords(response, "document-format-supported");
  support.media_types = keywords(response, "media-type-supported");
  support.media_sources = keywords(response, "media-source-supported");
  support.document_handling = keywords(response, "multiple-document-handling-supported");
  if (ipp_attribute_t* color = ippFindAttribute(response, "color-supported", IPP_TAG_BOOLEAN)) {
    support.color = ippGetBoolean(color, 0) != 0;
  }
  if (ipp_attribute_t* copies = ippFindAttribute(response, "copies-supported", IPP_TAG_RANGE)) {
    int upper = 0;
    ippGetRange(copies, 0, &upper);
    support.copies_max = upper;
  }
  support.number_up = integers(response, "number-up-supported");
  if (ipp_attribute_t* ranges =
          ippFindAttribute(response, "page-ranges-supported", IPP_TAG_BOOLEAN)) {
    support.page_ranges = ippGetBoolean(ranges, 0) != 0;
  }
  support.orientations = integers(response, "orientation-requested-supported");
  support.qualities = integers(response, "print-quality-supported");
  if (ipp_attribute_t* finishings =
          ippFindAttribute(response, "finishings-supported", IPP_TAG_ENUM)) {
    for (int i = 0; i < ippGetCount(finishings); ++i) {
      support.finishings.emplace_back(ippEnumString("finishings", ippGetInteger(finishings, i)));
    }
  }
  return support;
}

namespace {

void add_job_attributes(ipp_t* request, const IppClient::JobAttributes& job) {
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr,
               job.title.empty() ? "Printline job" : job.title.c_str());
  if (ippGetOperation(request) == IPP_OP_PRINT_JOB) {
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
                 job.document_format.c_str());
  }
  // What the printer does not support was refused or left out before (ipp_ticket_fit.h); a
  // value it still does not like is substituted rather than the job refused. (Operation
  // attributes come before the job group.)
  ippAddBoolean(request, IPP_TAG_OPERATION, "ipp-attribute-fidelity", 0);
  if (job.commit_by_uuid) {
    ippAddBoolean(request, IPP_TAG_OPERATION, model::kCommitByUuidAttribute, 1);
  }
  if (printline::is_valid_job_uuid(job.job_uuid)) {
    const std::string urn = "urn:uuid:" + job.job_uuid;
    ippAddString(request, IPP_TAG_JOB, IPP_TAG_URI, "job-uuid", nullptr, urn.c_str());
  }
  add_ticket_attributes(request, job.ticket);
}

}  // namespace

IppAnswer IppClient::print_job(const JobAttributes& job, DocumentSource& document) {
  IppMessage request = new_request(IPP_OP_PRINT_JOB);
  add_job_attributes(request.get(), job);
  return exchange(std::move(request), &document);
}

IppAnswer IppClient::create_job(const JobAttributes& job) {
  IppMessage request = new_request(IPP_OP_CREATE_JOB);
  add_job_attributes(request.get(), job);
  return exchange(std::move(request));
}

IppAnswer IppClient::send_document(int job_id, const std::string& document_format,
                                   DocumentSource& document) {
  IppMessage request = new_request(IPP_OP_SEND_DOCUMENT);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request.get(), IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               document_format.c_str());
  ippAddBoolean(request.get(), IPP_TAG_OPERATION, "last-document", 1);
  return exchange(std::move(request), &document);
}

IppAnswer IppClient::cancel_job(int job_id, std::chrono::milliseconds timeout) {
  IppClient quick(endpoint_, settings_);
  quick.settings_.cancel = nullptr;
  quick.settings_.connect_timeout = std::min(settings_.connect_timeout, timeout);
  quick.settings_.io_timeout = std::min(settings_.io_timeout, timeout);
  IppMessage request = quick.new_request(IPP_OP_CANCEL_JOB);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  return quick.exchange(std::move(request));
}

IppAnswer IppClient::get_job_attributes(int job_id) {
  IppMessage request = new_request(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddInteger(request.get(), IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  return exchange(std::move(request));
}

}  // namespace printline::transport
