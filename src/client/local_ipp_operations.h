#pragma once
// The local IPP printer's operations: one checked request in (ipp_request_check.h), one
// response out, each operation a ClientService call. Independent of HTTP so a fuzzer and
// tests can drive it. Thread-safe.

#include <cups/ipp.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "client/client_service.h"
#include "client/ipp_job_ids.h"
#include "ipp/ipp_message.h"
#include "transport/document_source.h"

namespace printline::client {

class LocalIppOperations {
 public:
  // owner: the login shown as job-originating-user-name (the daemon's user).
  LocalIppOperations(ClientService& service, IppJobIds& ids, std::string owner);

  // authority: "host:port" the client used, for printer-uri-supported and job-uri.
  // document: the bytes after the IPP message (may be empty).
  ipp::IppPtr handle(ipp_t* request, transport::DocumentSource* document,
                     const std::string& authority);

 private:
  struct Call;
  struct CreatedJob {  // a Create-Job waiting for its Send-Document
    SubmitRequest request;
    std::chrono::steady_clock::time_point created_at;
    bool sending = false;
  };

  void print_job(Call& call);
  void validate_job(Call& call);
  void create_job(Call& call);
  void send_document(Call& call);
  void cancel_job(Call& call);
  void get_job_attributes(Call& call);
  void get_jobs(Call& call);
  void get_printer_attributes(Call& call);

  void submit(Call& call, const SubmitRequest& request, int reserved_id);
  void add_job(Call& call, const JobView& job, cups_array_t* requested);
  int up_time() const;

  ClientService& service_;
  IppJobIds& ids_;
  const std::string owner_;
  const std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::map<int, CreatedJob> created_;
};

}  // namespace printline::client
