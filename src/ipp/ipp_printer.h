#pragma once
// The IPP core of Printline's printers — a server queue and the desktop client's local
// printer alike: one request in, one response out. It checks the request (RFC 8011 §4.1),
// dispatches one function per operation, keeps the one table of Create-Jobs waiting for
// their Send-Document, gives job-ids (ipp_job_ids.h), checks and reads the job template into
// the job ticket (ipp_job_template.h) and describes the printer and its jobs. What is
// printer-specific — who asks, the jobs, taking a document — is the backend's
// (ipp_printer_backend.h). Independent of HTTP, so fuzzers drive it. Thread-safe.
//
// A Create-Job waiting for its Send-Document lives only in this object's memory, on purpose:
// nothing is spooled, recorded or charged before the document exists, and RFC 8011 lets a
// printer abort a job whose data has not arrived when it restarts. After a restart such an id
// answers client-error-not-found with a message saying so; the client submits again (a
// desktop client's job-uuid makes the resubmission idempotent).

#include <cups/ipp.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "ipp/ipp_job_ids.h"
#include "ipp/ipp_message.h"
#include "ipp/ipp_printer_backend.h"
#include "ipp/ipp_subscriptions.h"
#include "transport/document_source.h"

namespace printline::ipp {

struct IppPrinterLimits {
  std::size_t waiting_jobs = 1000;                // Create-Jobs waiting for their document
  std::size_t waiting_jobs_per_requester = 1000;  // one requester's share of them
  std::size_t subscriptions = 1000;               // event subscriptions (ipp_subscriptions.h)
  std::size_t subscriptions_per_requester = 100;
};

struct IppAnswer {
  IppPtr response;
  bool authentication_required = false;  // over HTTP: answer 401 with a challenge
};

class IppPrinter {
 public:
  IppPrinter(JobIds& ids, IppPrinterLimits limits);

  // document: the bytes after the IPP message (may be null or empty).
  IppAnswer handle(ipp_t* request, transport::DocumentSource* document, PrinterSession& session);

  // Whether an operation acts for a user (every one but Get-Printer-Attributes): sent without
  // credentials, it may be answered 401 before its document is read.
  static bool needs_user(ipp_op_t operation);
  // The operations handle() answers (operations-supported).
  static const std::vector<int>& operations();

 private:
  struct Call;
  struct WaitingJob {  // a Create-Job waiting for its Send-Document
    NewJob job;
    std::string printer;
    std::string requester;
    std::chrono::steady_clock::time_point created;
    int created_at = 0;  // seconds since the epoch (time-at-creation)
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
  // Hold-Job, Release-Job, Restart-Job, Set-Job-Attributes (job-hold-until).
  void hold_job(Call& call);
  void release_job(Call& call);
  void restart_job(Call& call);
  void set_job_attributes(Call& call);
  // Pause-Printer, Resume-Printer, Enable-Printer, Disable-Printer, Purge-Jobs,
  // Set-Printer-Attributes, Get-Printer-Supported-Values: an administrator's.
  void pause_printer(Call& call);
  void resume_printer(Call& call);
  void set_accepting(Call& call, bool accepting);
  void purge_jobs(Call& call);
  void set_printer_attributes(Call& call);
  void get_printer_supported_values(Call& call);
  void subscription_operation(Call& call, ipp_op_t operation);

  // The job a Print-Job, Validate-Job or Create-Job asks for; false with the status set.
  bool read_new_job(Call& call, NewJob* job);
  bool admit(Call& call);  // false with the status set
  void submit(Call& call, const NewJob& job, int reserved_id);
  // The job named by job-id or job-uri, if the requester may see it; *id is the id asked.
  std::optional<JobDescription> target_job(Call& call, int* id);
  static JobDescription waiting_description(int id, const WaitingJob& waiting);
  void add_job(Call& call, JobDescription job, cups_array_t* requested);
  bool may_use(const Call& call, const WaitingJob& waiting) const;
  std::string no_job_message(int id) const;
  void set_hold(Call& call, bool held, const std::string& reason);
  std::optional<IppProblem> hold(Call& call, const JobDescription& job, const std::string& reason);
  std::optional<IppProblem> release(Call& call, const JobDescription& job);
  bool operator_only(Call& call, const char* what);  // false with the status set
  bool holds_jobs(Call& call, const char* what);      // false with the status set
  void publish_job(Call& call, const char* kind, std::optional<JobDescription> job,
                   const std::string& text);
  void publish_printer(Call& call, const char* kind, const std::string& text);
  SubscriptionCaller subscription_caller(Call& call);
  int up_time() const;  // seconds since this object was made, plus one (printer-up-time)
  // A moment as printer-up-time; one before this object was made (or none) is 1.
  int up_time_at(std::optional<model::Timestamp> moment) const;

  JobIds& ids_;
  const IppPrinterLimits limits_;
  const std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::map<int, WaitingJob> waiting_;
  Subscriptions subscriptions_;
};

}  // namespace printline::ipp
