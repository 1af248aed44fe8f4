#pragma once
// The desktop client's one inner interface (issue 4). Every way a job comes in — the local
// IPP printer, the CUPS backend through the control socket, `printline print` — and every
// command of the control socket (status, jobs, choose, cancel, retry, printers --fallback,
// fallback test, login) calls these methods. ClientDaemon (client_daemon.h) implements it;
// the control socket and the local IPP printer only translate.
//
// Threading: every method may be called from any thread at any time.
// Durability: submit() returns only once the document and its outbox record are on disk
// (fsync'ed); everything after that happens in the background and is reported as events.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/job.h"
#include "model/job_ticket.h"
#include "model/timestamp.h"
#include "transport/document_source.h"

namespace printline::client {

// A job's place in the outbox. Final states: at-server, accounted, cancelled.
enum class JobState {
  kReceived,            // durable in the outbox, not yet sent anywhere
  kSendingToServer,     // being submitted to a server queue (UUID carried, D6)
  kAtServer,            // the server acknowledged it: the server prints and charges it
  kWaitingForChoice,    // several fallback candidates: the user chooses (FP-7b, D2, D3)
  kPrintingOnFallback,  // being sent to a fallback printer
  kPrintedOffline,      // a fallback printer took it; to be uploaded for accounting (D6)
  kAccounted,           // the server accepted or already had its fallback report
  kWaitingForServer,    // fallback disabled (D4), no candidate (D2), or the user chose Retry
  kHeldForCredit,       // release condition "credit/quota" not met offline (D5)
  kRejectedByDevice,    // the fallback printer refused it (D7); the user may choose another
  kCancelled,           // the user cancelled it
};

// "received", "sending-to-server", "at-server", "waiting-for-choice", "printing-on-fallback",
// "printed-offline", "accounted", "waiting-for-server", "held-for-credit",
// "rejected-by-device", "cancelled".
std::string_view job_state_name(JobState state);
// The same for people, in the reader's language: "printed offline", "imprimé hors ligne".
std::string job_state_text(JobState state);
std::optional<JobState> job_state_from_name(std::string_view name);
bool is_final(JobState state);

struct JobView {
  std::string uuid;
  std::string title;
  std::string document_format;  // MIME type
  int copies = 1;
  std::uint64_t size_bytes = 0;
  JobState state = JobState::kReceived;
  std::string reason;   // one sentence for the user: why it is in this state, what to do
  std::string printer;  // the fallback printer's name (chosen, printing, printed offline)
  std::optional<model::PageCounts> counts;  // from the analysis, when it succeeded
  std::int64_t estimated_cost_cents = 0;    // with the cached price list
  bool may_be_counted_twice = false;        // D8: Kyocera through a non-spooling port
  model::Timestamp received_at{};
  model::Timestamp updated_at{};
  std::optional<model::Timestamp> printed_at;  // on the fallback printer
  model::JobTicket ticket;  // what the user asked (D11); copies above is ticket.copies
};

struct SubmitRequest {
  std::string title;             // empty → "Untitled"
  std::string document_format;   // MIME; empty or application/octet-stream → detected
  int copies = 1;
  std::string submitted_by;      // "ipp", "cups", "cli": for the log only
  // What the user asked (D11); copies above is ticket.copies. Filled by the local IPP printer
  // (read by the IPP core, ipp/ipp_job_template.h).
  model::JobTicket ticket;
};

// A fallback printer as the chooser and `printline printers --fallback` show it (D2).
struct CandidateView {
  std::int64_t printer_id = 0;
  std::string name;
  std::string location;
  bool color = false;
  bool large_format = false;
  bool in_history = false;   // the user has printed there (server history or local fallback)
  bool last_choice = false;  // the printer the user chose last time (preselected)
  bool reachable = false;    // live port probe
  std::string target_uri;    // where a fallback job goes (profile's device port, FP-6/FP-9)
  bool may_be_counted_twice = false;
  std::string note;          // why unreachable, or D8's warning; empty otherwise
};

// The chooser's filter (FP-7b): text matches name and location, case-insensitively; the
// three flags are the quick filters; none set = every candidate.
struct PrinterFilter {
  std::string search;
  bool color = false;
  bool mono = false;
  bool large_format = false;
};

struct StatusView {
  bool online = false;  // D1: the last heartbeat or request reached a server
  std::string server;   // the address that answered last
  std::string user_login;
  std::string user_name;
  bool logged_in = false;  // a token is stored (the cached identity works offline)
  std::int64_t balance_cents = 0;
  std::string currency;  // the server's (ISO 4217); empty until the server said
  std::string quota;  // for people, e.g. "120 of 500 pages left this month"; empty if none
  std::string profile_name;
  std::int64_t profile_version = 0;
  bool fallback_enabled = false;
  int jobs_waiting_for_choice = 0;
  int jobs_waiting_for_server = 0;
  int jobs_awaiting_accounting = 0;  // printed offline, not yet accounted
  std::optional<model::Timestamp> last_contact;
  std::string last_error;  // why the server is considered offline, for people
};

// One row of `printline fallback test` (D9).
struct FallbackTestRow {
  std::string printer;
  std::string target_uri;
  bool reachable = false;
  std::optional<bool> accepted;  // only when a test page was sent
  std::string message;           // for people: reachable / accepted / rejected and why
};

struct ClientEvent {
  enum class Kind {
    kJobChanged,       // job holds the new state
    kNotification,     // title + message, e.g. printed on a fallback printer (FP-7a)
    kPrompt,           // job waits for a choice among candidates (FP-7b), or D4/D5/D7
    kPromptWithdrawn,  // the job no longer needs an answer (e.g. went to the server, D3)
    kOnlineChanged,    // status holds the new state
  };
  Kind kind = Kind::kJobChanged;
  std::optional<JobView> job;
  std::string title;
  std::string message;
  std::vector<CandidateView> candidates;  // kPrompt for a choice
  std::optional<StatusView> status;       // kOnlineChanged
};

// Unsubscribes when destroyed.
class Subscription {
 public:
  virtual ~Subscription() = default;
};

// A server certificate accepted at `printline login` (D13): its address "host:port" and its
// SHA-256 fingerprint ("AB:CD:…"). Empty when the server's certificate is trusted by a CA or
// the server is plain http://.
struct AcceptedCertificate {
  std::string address;
  std::string sha256;
};

class ClientService {
 public:
  virtual ~ClientService() = default;

  virtual Result<JobView> submit(const SubmitRequest& request,
                                 transport::DocumentSource& document) = 0;
  virtual std::vector<JobView> jobs() const = 0;  // newest first, final ones included
  virtual std::optional<JobView> job(const std::string& uuid) const = 0;

  // The user's answer to a prompt: print on this fallback printer (by name or id as text).
  virtual Result<JobView> choose(const std::string& uuid, const std::string& printer) = 0;
  virtual Result<JobView> cancel(const std::string& uuid) = 0;
  // D4 Retry: keep the job and send it to the server as soon as one answers.
  virtual Result<JobView> retry(const std::string& uuid) = 0;

  virtual StatusView status() const = 0;
  // Logs in at the server, stores the token (0600) and refreshes the cache. `accepted`, when
  // set, is the server certificate the user accepted at `printline login` (D13): it is pinned
  // before the password is sent.
  virtual Result<StatusView> login(const std::string& login, const std::string& password,
                                   const AcceptedCertificate& accepted) = 0;

  // The profile's fallback printers, filtered and ordered (history first, then name), each
  // probed now for reachability.
  virtual std::vector<CandidateView> fallback_printers(const PrinterFilter& filter) = 0;
  virtual std::vector<FallbackTestRow> test_fallback(bool send_test_page) = 0;

  // Events from now on; pending prompts are re-sent to a new subscriber at once.
  virtual std::unique_ptr<Subscription> subscribe(
      std::function<void(const ClientEvent&)> listener) = 0;
};

}  // namespace printline::client
