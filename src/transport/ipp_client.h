#pragma once
// The one libcups IPP client: used to send jobs to IPP printers (ipp_transport.cc) and for the
// desktop client's submission to the server's queues (client/server_submission.cc).
//
// Every request goes on a fresh connection whose TLS peer was checked first (D13,
// ipps_peer_check.h), and is written with httpPost + ippWrite on that very connection:
// cupsSendRequest/cupsDoRequest reconnect on their own after some failures, and such a new
// handshake would not be checked (nor should a Bearer token go over it). I/O waits end when the
// peer makes no progress for io_timeout or when the cancel flag is set.

#include <cups/cups.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/tls_trust.h"
#include "model/job_ticket.h"
#include "transport/cancel_flag.h"
#include "transport/document_source.h"

namespace printline::transport {

struct IppMessageDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using IppMessage = std::unique_ptr<ipp_t, IppMessageDeleter>;

// Where the IPP printer (or the server's queue) is.
struct IppEndpoint {
  std::string host;
  int port = 631;
  bool tls = false;            // ipps:// (or https for the server)
  std::string resource = "/";  // the HTTP path: "/ipp/print", "/ipp/print/<queue>"
  std::string uri() const;     // ipp[s]://host:port/resource, the printer-uri
};

struct IppClientSettings {
  std::chrono::milliseconds connect_timeout{3000};
  // Longest the peer may take no data (or stay silent when an answer is due).
  std::chrono::milliseconds io_timeout{30000};
  const CancelFlag* cancel = nullptr;  // not owned; may be null
  TlsTrust tls_trust;                  // D13: who may be the peer of a TLS endpoint
  std::string bearer_token;            // the server's queues; empty for printers
  std::string user;                    // requesting-user-name; empty: the process's user
};

// How far one request got.
enum class IppExchangeStage {
  kNotConnected,   // no connection, or the TLS peer was not trusted: nothing was sent
  kRequestBroken,  // the request was not taken whole: the peer cannot have acted on it
  kDocumentUnreadable,  // our own document could not be read (message says why)
  kNoAnswer,       // all was sent and no IPP answer came (the peer may have acted on it)
  kAnswered,       // an IPP answer came (which may be an error status)
};

struct IppAnswer {
  IppExchangeStage stage = IppExchangeStage::kNotConnected;
  IppMessage response;  // when kAnswered
  std::string error;    // for people, when not kAnswered
  bool cancelled = false;
  bool stalled = false;  // no progress for io_timeout
  bool unauthorized = false;  // HTTP 401: the token (or the user) was not accepted
  int os_error = 0;           // errno of a broken connection, when known
  std::uint64_t bytes_sent = 0;  // document bytes

  bool answered() const { return stage == IppExchangeStage::kAnswered; }
  ipp_status_t status() const;     // the answer's status, else cupsLastError()
  bool ok() const;                 // answered successful-ok (with or without ignored values)
  std::string status_message() const;  // status-message, else the status's name
  int job_id() const;                  // job-id of the answer, 0 when none
};

// What the printer says it supports, from one Get-Printer-Attributes.
struct IppPrinterSupport {
  bool create_job_send_document = false;
  std::vector<std::string> sides;         // sides-supported
  std::vector<std::string> color_modes;   // print-color-mode-supported
  std::vector<std::string> media;         // media-supported
  std::vector<std::string> media_types;   // media-type-supported
  std::vector<std::string> media_sources; // media-source-supported
  std::vector<std::string> document_handling;  // multiple-document-handling-supported
  bool color = false;                     // color-supported
  std::vector<std::string> document_formats;  // document-format-supported
  int copies_max = 0;                     // copies-supported upper bound; 0: not supported
  std::vector<int> number_up;             // number-up-supported
  bool page_ranges = false;               // page-ranges-supported
  std::vector<int> orientations;          // orientation-requested-supported
  std::vector<int> qualities;             // print-quality-supported
  std::vector<std::string> finishings;    // finishings-supported, as keywords
  bool answered = false;                  // false: the printer did not say (old or odd)
};

class IppClient {
 public:
  IppClient(IppEndpoint endpoint, IppClientSettings settings);

  const IppEndpoint& endpoint() const { return endpoint_; }

  // A request with printer-uri and requesting-user-name filled in.
  IppMessage new_request(ipp_op_t operation) const;

  // Sends the request (and the document as its data, when given) and reads the answer.
  IppAnswer exchange(IppMessage request, DocumentSource* document = nullptr);

  // Get-Printer-Attributes for what sending a job needs: operations and the ticket's
  // -supported attributes.
  IppPrinterSupport printer_support();

  // The job's request: job-name, job-uuid (when valid), document-format (Print-Job) and the
  // ticket's attributes (transport/ipp_job_ticket.h).
  struct JobAttributes {
    std::string title;
    std::string job_uuid;
    std::string document_format = "application/octet-stream";
    model::JobTicket ticket;
    // D10: asks the server's queue to hold the job until committed by UUID
    // (model/two_phase_submission.h); servers only.
    bool commit_by_uuid = false;
  };
  IppAnswer print_job(const JobAttributes& job, DocumentSource& document);
  IppAnswer create_job(const JobAttributes& job);
  IppAnswer send_document(int job_id, const std::string& document_format,
                          DocumentSource& document);
  // Best effort, bounded by `timeout`, not stopped by the cancel flag (which may be why the
  // job is being cancelled).
  IppAnswer cancel_job(int job_id, std::chrono::milliseconds timeout);
  IppAnswer get_job_attributes(int job_id);

 private:
  IppEndpoint endpoint_;
  IppClientSettings settings_;
};

}  // namespace printline::transport
