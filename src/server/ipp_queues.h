#pragma once
// The server's print queues as IPP printers (/ipp/print/<queue>): one request in, one response
// out. The HTTP route (ipp_routes.h) reads the request; this checks it (ipp_request_check.h),
// then runs one function per operation. Independent of the network, so the fuzzer drives it.
//
// job-id: a job's database id; a job opened by Create-Job gets an id from 2^30 up until its
// document arrives, and keeps it. Thread-safe.
//
// A Create-Job waiting for its Send-Document lives only in this object's memory, on purpose:
// nothing is spooled, recorded or charged before the document exists, and RFC 8011 lets a
// printer abort a job whose data has not arrived when it restarts. After a
// restart such an id answers client-error-not-found with a message saying so; the client
// submits again (a desktop client's job-uuid makes the resubmission idempotent).

#include <cups/ipp.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/route_table.h"
#include "ipp/ipp_message.h"
#include "model/job.h"
#include "model/print_queue.h"
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

struct IppAnswer {
  ipp::IppPtr response;
  bool authentication_required = false;  // answer HTTP 401 instead
};

class IppQueues {
 public:
  explicit IppQueues(ServerContext& context);
  IppAnswer handle(IppExchange& exchange);
  // Whether an operation acts for a user (every one but Get-Printer-Attributes): sent without
  // credentials, it is answered 401 before its document is read.
  static bool needs_user(ipp_op_t operation);

 private:
  struct Call;         // one request being answered
  struct CreatedJob {  // a Create-Job waiting for its Send-Document
    std::string uuid;
    std::int64_t owner_id = 0;
    std::string queue_name;
    std::string title;
    std::string document_format;
    int copies = 1;
    std::optional<bool> duplex;
    model::Timestamp created_at{};
    bool sent = false;
  };

  void print_job(Call& call);
  void validate_job(Call& call);
  void create_job(Call& call);
  void send_document(Call& call);
  void cancel_job(Call& call);
  void get_job_attributes(Call& call);
  void get_jobs(Call& call);
  void get_printer_attributes(Call& call);

  bool check_job_template(Call& call);
  CreatedJob job_from_request(const Call& call);
  static model::Job waiting_for_document(int id, const CreatedJob& created);
  void submit(Call& call, const CreatedJob& job);
  void add_job(Call& call, const model::Job& job, cups_array_t* requested, int ipp_id);
  // The job named by job-id or job-uri, if the caller may see it.
  std::optional<model::Job> target_job(Call& call, int* ipp_id);
  std::string printer_uri(const Call& call) const;
  int up_time() const;  // seconds since this object was made, plus one (printer-up-time)

  ServerContext& context_;
  const std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::map<int, CreatedJob> created_;
  std::map<int, std::string> uuid_of_;  // job-id → uuid, for ids not in the database
  int next_created_id_;                 // seeded from the clock: see first_created_job_id()
};

// Registers POST /ipp/print/<queue>.
void register_ipp_routes(http::RouteTable& routes, ServerContext& context);

}  // namespace printline::server
