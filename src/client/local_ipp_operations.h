#pragma once
// The local IPP printer's backend of the IPP core (ipp/ipp_printer.h): the core answers every
// operation; this maps them onto ClientService calls — the job and its ticket (D11) go to the
// daemon's outbox, the jobs shown are the outbox's — except a held job, which waits here
// (local_ipp_held_jobs.h) until released into the outbox. Independent of HTTP so a fuzzer and tests
// can drive it. Thread-safe.

#include <cups/ipp.h>

#include <filesystem>
#include <string>

#include "client/client_service.h"
#include "client/local_ipp_held_jobs.h"
#include "client/local_printer_control.h"
#include "ipp/ipp_job_ids.h"
#include "ipp/ipp_message.h"
#include "ipp/ipp_printer.h"
#include "transport/document_source.h"

namespace printline::client {

class LocalIppOperations {
 public:
  // owner: the login shown as job-originating-user-name (the daemon's user); state_dir: where
  // held jobs' documents wait (local_ipp_held_jobs.h) and the printer's paused or disabled
  // state is kept (local_printer_control.h).
  LocalIppOperations(ClientService& service, ipp::JobIds& ids, std::string owner,
                     const std::filesystem::path& state_dir);

  // authority: "host:port" the client used, for printer-uri-supported and job-uri.
  // document: the bytes after the IPP message (may be empty).
  ipp::IppPtr handle(ipp_t* request, transport::DocumentSource* document,
                     const std::string& authority);

 private:
  class Session;

  ClientService& service_;
  ipp::JobIds& ids_;
  const std::string owner_;
  LocalHeldJobs held_;
  LocalPrinterControl control_;
  ipp::IppPrinter printer_;
};

}  // namespace printline::client
