#pragma once
// The desktop client daemon (issue 4): implements ClientService over the durable outbox, the
// cache, the server link and the fallback planner. One instance per user and state directory.
//
//   auto daemon = ClientDaemon::open(config);   // opens the outbox and cache, recovers
//   (*daemon)->start();                          // heartbeat + job worker threads
//   ... ClientService calls from any thread ...
//   (*daemon)->stop();                           // or destroy it
//
// Two background threads: the server link's heartbeat (cache refresh, accounting upload when
// the server answers) and the job worker (routes each job: server, fallback, prompt). Every
// state change is committed to the outbox before it is acted on; docs/client.md has the
// states and the crash recovery rules.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "client/client_cache.h"
#include "client/client_config.h"
#include "client/client_reporter.h"
#include "client/client_service.h"
#include "client/event_bus.h"
#include "client/fallback_planner.h"
#include "client/outbox_store.h"
#include "client/server_link.h"
#include "client/server_submission.h"
#include "client/upload_backoff.h"
#include "transport/cancel_flag.h"

namespace printline::client {

// The profile's "keep waiting jobs N days" for one waiting job (client_daemon_retention.cc):
// kept, announced (its last day), or dropped.
enum class WaitingRetention { kKeep, kWarn, kDrop };
WaitingRetention waiting_retention(const OutboxJob& job, int keep_waiting_days,
                                   model::Timestamp now);

class ClientDaemon : public ClientService {
 public:
  // Opens the state directory and applies the crash recovery rules that need no server
  // (docs/client.md). Does not start any thread.
  static Result<std::unique_ptr<ClientDaemon>> open(const ClientConfig& config);
  ~ClientDaemon() override;

  void start();
  // Stops the threads; a fallback send in progress is cancelled (and re-prompted on the next
  // start, as after a crash). Idempotent.
  void stop();

  // ClientService.
  Result<JobView> submit(const SubmitRequest& request,
                         transport::DocumentSource& document) override;
  std::vector<JobView> jobs() const override;
  std::optional<JobView> job(const std::string& uuid) const override;
  Result<JobView> choose(const std::string& uuid, const std::string& printer) override;
  Result<JobView> cancel(const std::string& uuid) override;
  Result<JobView> retry(const std::string& uuid) override;
  StatusView status() const override;
  Result<StatusView> login(const std::string& login, const std::string& password,
                           const AcceptedCertificate& accepted) override;
  std::vector<CandidateView> fallback_printers(const PrinterFilter& filter) override;
  std::vector<FallbackTestRow> test_fallback(bool send_test_page) override;
  std::unique_ptr<Subscription> subscribe(
      std::function<void(const ClientEvent&)> listener) override;

  // Asks the server now instead of at the next heartbeat (tests, `printline status`).
  void check_server_now();
  const ClientConfig& config() const { return config_; }
  const std::filesystem::path& spool_dir() const { return spool_dir_; }

 private:
  ClientDaemon(ClientConfig config, std::unique_ptr<OutboxStore> outbox,
               std::vector<api_client::ServerUrl> servers);

  // Recovery (client_daemon_recovery.cc).
  void recover_without_server();

  // The job worker (client_daemon_jobs.cc).
  void work();
  void wake_worker();
  bool process_pass();
  bool begin_job(const std::string& uuid);
  void end_job();
  void route(OutboxJob job);
  std::chrono::milliseconds answer_timeout() const;  // the profile's (D10)
  SubmissionResult commit_at_server(const std::string& uuid, SubmissionResult submitted);
  void send_waiting_to_server(OutboxJob job);
  enum class ServerTry { kDone, kFallBack, kKeep };
  ServerTry try_server(OutboxJob& job, JobState state_if_unreachable);
  void fall_back(OutboxJob job);
  void print_on(OutboxJob job, bool automatic);
  void after_failed_print(OutboxJob job, const std::string& message, bool rejected);

  // Heartbeat hook (client_daemon_accounting.cc).
  void on_beat(bool online, bool changed);
  // Tells the user, once per job and run, of their held server jobs about to expire.
  void warn_of_expiring_held_jobs(const api_client::ClientReportAnswer& answer);
  // Retention of waiting jobs, every heartbeat (client_daemon_retention.cc).
  void apply_waiting_retention();
  void drop_waited_too_long(const std::string& uuid, int days);

  // Shared helpers (client_daemon.cc).
  Result<OutboxJob> save(OutboxJob job);
  void emit_job(const OutboxJob& job);
  void notify(const OutboxJob& job, const std::string& title, const std::string& message);
  void prompt(const OutboxJob& job);
  void withdraw_prompt(const OutboxJob& job, const std::string& why);
  ClientEvent prompt_event(const OutboxJob& job);
  std::vector<CandidateView> probed_printers();
  std::string user_login() const;
  TlsTrust trust_with_config_pins(TlsTrust trust) const;
  // The job with this UUID (or prefix) once the worker is not acting on it, waiting a moment
  // if it is: the prompt event reaches the user before the worker lets go of the job.
  Result<OutboxJob> find_when_idle(std::unique_lock<std::mutex>& lock, const std::string& uuid);

  const ClientConfig config_;
  std::unique_ptr<OutboxStore> outbox_;
  ClientCache cache_;
  ServerLink link_;
  std::optional<ClientReporter> reporter_;  // empty when the client id could not be kept
  std::shared_ptr<EventBus> events_ = std::make_shared<EventBus>();
  const std::filesystem::path spool_dir_;

  // The worker's current job: user commands on it wait or are refused (no two writers).
  mutable std::mutex jobs_mutex_;
  std::string busy_uuid_;
  std::condition_variable job_done_;        // busy_uuid_ cleared
  std::set<std::string> retention_warned_;  // told "deleted within a day" in this run
  std::set<std::string> expiry_warned_;     // held server jobs told "about to expire" (beat thread)
  transport::CancelFlag send_cancel_;

  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool wake_requested_ = false;
  bool stopping_ = false;
  bool started_ = false;
  std::thread worker_;
  std::atomic<bool> uploaded_rejected_once_{false};
  UploadBackoff upload_backoff_;  // heartbeat thread only (on_beat)
};

}  // namespace printline::client
