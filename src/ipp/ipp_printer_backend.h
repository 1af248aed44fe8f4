#pragma once
// What the IPP core (ipp_printer.h) needs from the printer behind it: the server's print
// queues (server/ipp_queues.h) and the desktop client's local printer
// (client/local_ipp_operations.h) each implement this, and nothing of IPP's operations,
// job-ids or Create-Job bookkeeping. A backend makes one session per request: who asks, and
// the printer's jobs as that person may see them.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ipp/ipp_job_description.h"
#include "ipp/ipp_printer_description.h"
#include "ipp/ipp_request_check.h"
#include "model/job_ticket.h"
#include "model/print_queue.h"
#include "transport/document_source.h"

namespace printline::ipp {

// A job as a Print-Job, or a Create-Job with its Send-Document, asks for it.
struct NewJob {
  std::string uuid;             // job-uuid without "urn:uuid:"; empty when not given
  std::string title;            // job-name, else document-name
  std::string document_format;  // as declared; empty or application/octet-stream: detected
  model::JobTicket ticket;      // read and checked by the core (ipp_job_template.h)
  // Recorded held, not printed, until released (job-hold-until "indefinite", or the printer
  // is paused); the reason is the job's state message. Only when job_template().holds.
  bool hold = false;
  std::string hold_reason;
  bool held_by_pause = false;  // held because the printer is paused: Resume-Printer releases it
};

struct SubmittedJob {
  JobDescription job;
  std::string message;  // status-message of the answer; empty: none
};

class PrinterSession {
 public:
  virtual ~PrinterSession() = default;

  // Called first, once the request passed its checks: the printer this request is for
  // exists (a server queue by name). A problem answers the request.
  virtual std::optional<IppProblem> open() { return std::nullopt; }
  // Called by the operations that act for a user, before they read any job: a problem
  // (authentication_required for HTTP 401) answers the request.
  virtual std::optional<IppProblem> authenticate() = 0;
  // Who asks (after authenticate): the owner of the Create-Jobs it opens.
  virtual std::string requester() const = 0;
  // Whether the requester may act on every user's jobs (an administrator).
  virtual bool sees_every_job() const = 0;

  // This printer's name (Create-Jobs belong to one printer) and its URI as the client reached it.
  virtual std::string printer_name() const = 0;
  virtual std::string printer_uri() const = 0;
  virtual JobTemplateSupport job_template() = 0;
  virtual PrinterDescription describe() = 0;  // state.up_time is the core's
  // The printer's operator state (Pause-Printer, Disable-Printer), kept by the backend so that
  // it outlives a restart and, for a server queue, is the same on every node. A problem
  // setting it answers the request.
  virtual model::QueueControl control() = 0;
  virtual std::optional<IppProblem> set_control(const model::QueueControl& control) = 0;

  // Takes the job and its whole document. An error answers the request.
  virtual Result<SubmittedJob, IppProblem> submit(const NewJob& job,
                                                  transport::DocumentSource& document) = 0;
  // The job with this uuid or backend number on this printer, if the requester may see it.
  virtual std::optional<JobDescription> find_job(const std::string& uuid) = 0;
  virtual std::optional<JobDescription> find_job_number(int number) = 0;
  // The jobs of this printer the requester may see (only theirs when my_jobs), newest first.
  virtual std::vector<JobDescription> jobs(bool my_jobs, const char* requesting_user_name) = 0;
  // Cancels a job that has not completed.
  virtual std::optional<IppProblem> cancel(const JobDescription& job) = 0;
  // Holds a pending job (Hold-Job, Set-Job-Attributes, Pause-Printer): it is not printed
  // until released; reason is its state message; by_pause: the printer is paused, and the
  // job is shown held_by_pause until something else moves it. Called only when
  // job_template().holds.
  virtual std::optional<IppProblem> hold(const JobDescription& job, const std::string& reason,
                                         bool by_pause) = 0;
  // Releases a held job (Release-Job, Resume-Printer, job-hold-until "no-hold"): it prints.
  virtual std::optional<IppProblem> release(const JobDescription& job) = 0;
  // Prints again a job that ended (Restart-Job, RFC 8011 §4.3.7, deprecated but required by
  // IPP/2.1), or says why it cannot.
  virtual std::optional<IppProblem> restart(const JobDescription& job) = 0;
};

}  // namespace printline::ipp
