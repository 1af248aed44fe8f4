#pragma once
// The server's job pipeline, shared by the IPP queues and the REST API: a document is spooled
// to disk, analysed, priced and recorded under its UUID; a direct queue prints it at once on its
// printer or the first available member of its group; a hold queue keeps it until its owner
// releases it. A hold queue's job is acknowledged before it is analysed (marked "not analysed
// yet" in the spool) and priced afterwards in the background; release and printing analyse a
// still-marked job first. Credit and quota are enforced at print or release time: a job that
// cannot be paid is held with a reason the user can read. Thread-safe.
//
// Idempotence (SPEC D6): a UUID seen before returns the recorded job untouched — never printed
// twice, never charged twice — whatever the number of submissions.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "model/job.h"
#include "model/job_ticket.h"
#include "model/user.h"
#include "server/job_error.h"
#include "server/server_config.h"
#include "store/store.h"
#include "transport/document_source.h"

namespace printline::server {

struct JobSubmission {
  std::string uuid;  // from the client (desktop client job UUID), else generated
  model::User owner;
  std::string queue_name;
  // Not empty: recorded held with this reason instead of printed, until released (IPP
  // job-hold-until "indefinite", a paused queue). A hold queue's job is held anyway.
  std::string hold_reason;
  bool held_by_pause = false;  // the queue is paused: resuming it releases the job
  std::string title;
  std::string document_format;  // as declared by the submitter; analysis decides
  model::JobTicket ticket;       // what the submitter asked (D11): priced and printed so
  // D10: a desktop client's two-phase submission: recorded, not printed or charged, until the
  // client commits it by UUID (commit below); expired unprinted if it never does.
  bool awaiting_commit = false;
};

class JobService {
 public:
  // Starts the print workers and resumes jobs a previous run left pending or printing.
  static Result<std::unique_ptr<JobService>> start(const ServerConfig& config, store::Store& store);
  virtual ~JobService() = default;

  // Reads the whole document, then records it. See the idempotence rule above. Errors carry a
  // kind (job_error.h) that callers map to their protocol's status.
  virtual JobResult<store::RecordedJob> submit(const JobSubmission& submission,
                                               transport::DocumentSource& document) = 0;
  // Releases a held job to a printer (its owner, or an administrator). Errors say why not:
  // not enough credit or quota, printer unknown, job not held.
  virtual JobResult<model::Job> release(std::string_view uuid, std::int64_t printer_id,
                                        const model::User& by) = 0;
  // Holds a job waiting for its printer (its owner, or an administrator) until released; a
  // job being sent or already ended cannot be held. by_pause: its queue was paused, and
  // resuming the queue releases it (model::Job::held_by_pause).
  virtual JobResult<model::Job> hold(std::string_view uuid, const model::User& by,
                                     std::string_view reason, bool by_pause) = 0;
  // Cancels a job that has not printed yet. A job of another user is "not found" to a
  // non-administrator, so job ids reveal nothing.
  virtual JobResult<model::Job> cancel(std::string_view uuid, const model::User& by) = 0;
  // D10: commits a job submitted awaiting its commit (its owner, or an administrator): a
  // direct queue's job is printed, a hold queue's is held for release. A job committed before,
  // cancelled, expired or replaced by its fallback print is answered as it is, unchanged.
  virtual JobResult<model::Job> commit(std::string_view uuid, const model::User& by) = 0;
  // Stops taking work and waits for the jobs being sent to finish (SIGTERM).
  virtual void shutdown() = 0;
};

}  // namespace printline::server
