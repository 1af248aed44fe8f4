#pragma once
// The server's print queues as IPP printers (/ipp/print/<queue>): the IPP core
// (ipp/ipp_printer.h) answers every operation; this is its backend for a queue — the
// authenticated user, the queue's jobs in the store, and the job service's intake, which gets
// each job's ticket (D11) read by the core. Independent of the network, so the fuzzer drives
// it. Thread-safe.
//
// job-id: a job's database id; a job opened by Create-Job gets an id from 2^30 up (seeded from
// the clock, see ipp_queues.cc) until its document arrives, and keeps it.

#include <cups/ipp.h>

#include <functional>
#include <memory>
#include <string>

#include "http/route_table.h"
#include "ipp/ipp_job_ids.h"
#include "ipp/ipp_printer.h"
#include "server/request_auth.h"
#include "server/server_context.h"
#include "transport/document_source.h"

namespace printline::server {

struct IppExchange {
  std::string queue_name;
  std::string authority;  // "host:port" the client used, for printer-uri-supported and job-uri
  ipp_t* request = nullptr;
  transport::DocumentSource* document = nullptr;  // the bytes after the IPP message
  std::function<Authentication()> authenticate;   // called only by operations that need it
};

using IppAnswer = ipp::IppAnswer;

class IppQueues {
 public:
  explicit IppQueues(ServerContext& context);
  IppAnswer handle(IppExchange& exchange);
  // Whether an operation acts for a user (every one but Get-Printer-Attributes): sent without
  // credentials, it is answered 401 before its document is read.
  static bool needs_user(ipp_op_t operation) { return ipp::IppPrinter::needs_user(operation); }

 private:
  class QueueSession;

  ServerContext& context_;
  ipp::JobIds ids_;
  ipp::IppPrinter printer_;
};

// Registers POST /ipp/print/<queue>.
void register_ipp_routes(http::RouteTable& routes, ServerContext& context);

}  // namespace printline::server
