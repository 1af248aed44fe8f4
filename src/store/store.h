#pragma once
// The storage interface of the server: every object of the model, the ledger, tokens, history,
// reports and the audit log. Errors are values; nothing throws across it.
//
// Contract for every implementation (SQLite now, PostgreSQL later):
//  - Each call is one transaction: it happens completely or not at all.
//  - Administrative changes (users, printers, groups, queues, price list, profiles, top-ups,
//    refunds) write an audit entry in the same transaction.
//  - A job UUID is recorded once and charged at most once, enforced by a UNIQUE constraint in
//    the database, so it holds across processes sharing the database (D6).
//  - A user's balance equals the sum of their ledger entries; both change in one transaction.
//  - find_* return an empty optional for "no such object"; an Error is a real failure.
//  - Thread-safe: calls may come from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "model/audit_entry.h"
#include "model/client_profile.h"
#include "model/client_report.h"
#include "model/job.h"
#include "model/ledger_entry.h"
#include "model/price_list.h"
#include "model/print_queue.h"
#include "model/printer.h"
#include "model/printer_group.h"
#include "model/user.h"
#include "model/user_group.h"
#include "store/actor.h"
#include "store/api_token.h"
#include "store/directory_sync_plan.h"
#include "store/job_filter.h"
#include "store/report.h"
#include "store/store_options.h"

namespace printline::store {

// The answer to recording a job: the stored job, and whether it was already there (then
// nothing was charged or changed).
// A job intake records with its document, when intake kept the document for the database
// (server/job_spool.h: a small one). Empty: the document is a file in the spool.
struct SubmittedJob {
  const model::Job& job;
  std::string_view document;
};

struct RecordedJob {
  model::Job job;
  bool duplicate = false;
  bool charged = false;  // a ledger charge was written by this call
};

// What hold_abandoned_jobs did: the jobs it held, and how many dead nodes it found (their
// queued work is lost with them, so the caller re-queues the pending jobs).
struct AbandonedJobs {
  std::vector<std::string> held_uuids;
  int dead_nodes = 0;
};

// A saved profile and the D8 warnings the administrator should see.
struct SavedProfile {
  model::ClientProfile profile;
  std::vector<std::string> warnings;
};

// A held job and when it stops waiting for its owner: its queue's hold time, else the
// server's (retention).
struct HeldJobExpiry {
  std::string uuid;
  std::string title;
  std::string queue;  // "" for a job without a queue
  std::int64_t hold_seconds = 0;
  model::Timestamp expires_at{};
};

// A printer a user has printed on (direct, released or fallback).
struct PrinterUse {
  std::int64_t printer_id = 0;
  std::int64_t jobs = 0;
  model::Timestamp last_used{};
};

class Store {
 public:
  virtual ~Store() = default;

  // Users. create_user hashes the password (Argon2id); update_user changes the profile fields
  // and quota limits but never hashes or balance (those have their own calls).
  virtual Result<model::User> create_user(const model::User& user, std::string_view password,
                                          const Actor& actor) = 0;
  virtual Result<model::User> update_user(const model::User& user, const Actor& actor) = 0;
  virtual Status delete_user(std::int64_t user_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::User>> find_user(std::int64_t user_id) = 0;
  virtual Result<std::optional<model::User>> find_user_by_login(std::string_view login) = 0;
  virtual Result<std::vector<model::User>> list_users() = 0;
  virtual Status set_password(std::int64_t user_id, std::string_view password,
                              const Actor& actor) = 0;
  virtual Status set_pin(std::int64_t user_id, std::optional<std::string_view> pin,
                         const Actor& actor) = 0;
  // A badge's card number (4 to 64 letters and digits; spaces ignored, letters in any case),
  // or none. Each card belongs to one user.
  virtual Status set_card(std::int64_t user_id, std::optional<std::string_view> card,
                          const Actor& actor) = 0;
  // The user whose card this is, else an empty optional.
  virtual Result<std::optional<model::User>> find_user_by_card(std::string_view card) = 0;
  // The user when login and password match, else an empty optional.
  virtual Result<std::optional<model::User>> verify_login(std::string_view login,
                                                          std::string_view password) = 0;
  virtual Result<std::optional<model::User>> verify_pin(std::string_view login,
                                                        std::string_view pin) = 0;

  // API tokens: the text is returned once; only its hash is stored.
  virtual Result<IssuedToken> issue_token(std::int64_t user_id, std::chrono::seconds lifetime) = 0;
  // The token's user, or empty if unknown, revoked or expired.
  virtual Result<std::optional<model::User>> authenticate_token(std::string_view token) = 0;
  virtual Status revoke_token(std::int64_t token_id) = 0;
  // Revokes the one token whose hash (hash_token_text) is given: a log-out ends the session
  // that asked, not the user's others. Unknown or already revoked is not an error.
  virtual Status revoke_token_hash(std::string_view token_hash) = 0;
  virtual Status revoke_tokens_of(std::int64_t user_id) = 0;
  // Every token of the user but the one whose hash is given: a user who changes their own
  // password stays logged in where they did it, and nowhere else.
  virtual Status revoke_other_tokens(std::int64_t user_id, std::string_view kept_token_hash) = 0;

  // Groups of users. Renaming or deleting a group a profile names is refused (the profile
  // would silently stop reaching its members).
  virtual Result<model::UserGroup> create_user_group(const model::UserGroup& group,
                                                     const Actor& actor) = 0;
  virtual Result<model::UserGroup> update_user_group(const model::UserGroup& group,
                                                     const Actor& actor) = 0;
  virtual Status delete_user_group(std::int64_t group_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::UserGroup>> find_user_group(std::int64_t group_id) = 0;
  virtual Result<std::vector<model::UserGroup>> list_user_groups() = 0;
  // Names of the groups the login belongs to, in name order.
  virtual Result<std::vector<std::string>> groups_of(std::string_view login) = 0;

  // Directory sync (src/directory plans it): in one transaction, creates the plan's accounts
  // (no stored password; the largest initial credit of their groups as a top-up), updates,
  // enables and disables them, creates its groups and sets their members. Accounts and groups
  // of another source, or local ones, are never touched. Any refusal writes nothing.
  virtual Status apply_directory_sync(const DirectorySyncPlan& plan, const Actor& actor) = 0;

  // Printers, groups and queues.
  virtual Result<model::Printer> create_printer(const model::Printer& printer,
                                                const Actor& actor) = 0;
  virtual Result<model::Printer> update_printer(const model::Printer& printer,
                                                const Actor& actor) = 0;
  virtual Status delete_printer(std::int64_t printer_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::Printer>> find_printer(std::int64_t printer_id) = 0;
  virtual Result<std::optional<model::Printer>> find_printer_by_name(std::string_view name) = 0;
  virtual Result<std::vector<model::Printer>> list_printers() = 0;

  virtual Result<model::PrinterGroup> create_group(const model::PrinterGroup& group,
                                                   const Actor& actor) = 0;
  virtual Result<model::PrinterGroup> update_group(const model::PrinterGroup& group,
                                                   const Actor& actor) = 0;
  virtual Status delete_group(std::int64_t group_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::PrinterGroup>> find_group(std::int64_t group_id) = 0;
  virtual Result<std::vector<model::PrinterGroup>> list_groups() = 0;

  virtual Result<model::PrintQueue> create_queue(const model::PrintQueue& queue,
                                                 const Actor& actor) = 0;
  virtual Result<model::PrintQueue> update_queue(const model::PrintQueue& queue,
                                                 const Actor& actor) = 0;
  virtual Status delete_queue(std::int64_t queue_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::PrintQueue>> find_queue_by_name(std::string_view name) = 0;
  virtual Result<std::vector<model::PrintQueue>> list_queues() = 0;
  // Sets a queue's operator state (IPP Pause-Printer, Disable-Printer); not audited as a
  // settings change, logged by the caller. Refused when the queue does not exist.
  virtual Status set_queue_control(std::int64_t queue_id, const model::QueueControl& control) = 0;

  // The one price list.
  virtual Result<model::PriceList> price_list() = 0;
  virtual Status set_price_list(const model::PriceList& prices, const Actor& actor) = 0;

  // Desktop Client profiles: saving runs the D8 check (refused with its errors, saved with
  // its warnings) and bumps the version. Setting is_default clears it on the other profiles.
  virtual Result<SavedProfile> create_profile(const model::ClientProfile& profile,
                                              const Actor& actor) = 0;
  virtual Result<SavedProfile> update_profile(const model::ClientProfile& profile,
                                              const Actor& actor) = 0;
  virtual Status delete_profile(std::int64_t profile_id, const Actor& actor) = 0;
  virtual Result<std::optional<model::ClientProfile>> find_profile(std::int64_t profile_id) = 0;
  virtual Result<std::vector<model::ClientProfile>> list_profiles() = 0;
  // The profile that applies to a user, most specific first: the profile naming the login;
  // else one naming a group of the user, the group with the fewest members first (ties by
  // group name, then profile name); else the default profile; else none.
  virtual Result<std::optional<model::ClientProfile>> profile_for(std::string_view login) = 0;

  // Jobs. record_job is idempotent by UUID: an existing UUID returns the stored job with
  // duplicate = true and changes nothing. A job recorded as printed is charged at once
  // (fallback uploads); otherwise it is charged when set_job_state moves it to printed.
  virtual Result<RecordedJob> record_job(const model::Job& job) = 0;
  // One result per job, in order; a rejected job does not stop the others (upload batches).
  virtual Result<std::vector<Result<RecordedJob>>> record_jobs(
      std::span<const model::Job> jobs) = 0;
  // record_jobs for intake (server/job_recorder.h): each job's document, if given, is written
  // in the same transaction, one sync for both; a duplicate keeps the document stored first.
  virtual Result<std::vector<Result<RecordedJob>>> record_submitted_jobs(
      std::span<const SubmittedJob> jobs) = 0;
  // The documents kept in the database: a job's (nullopt: none, it is a spool file, or gone),
  // removed once the job no longer needs it (deleted with the job anyway), the UUIDs that have
  // one (retention), and the bytes of an owner's held jobs' documents (D12's held-bytes limit).
  virtual Result<std::optional<std::string>> job_document(std::string_view uuid) = 0;
  virtual Status remove_job_document(std::string_view uuid) = 0;
  virtual Result<std::vector<std::string>> jobs_with_documents() = 0;
  virtual Result<std::uint64_t> held_document_bytes(std::int64_t owner_id) = 0;
  // The held or pending jobs still waiting for their analysis (model::Job::unanalysed; it ends
  // when set_job_price stores the analysis), oldest first; mark_unanalysed marks one (a mark an
  // older version kept in its spool).
  virtual Result<std::vector<std::string>> unanalysed_jobs() = 0;
  virtual Status mark_unanalysed(std::string_view uuid) = 0;
  virtual Result<model::Job> set_job_state(std::string_view uuid, model::JobState state,
                                           std::optional<std::int64_t> printer_id,
                                           std::string_view outcome) = 0;
  // Moves a job from pending to printing, only if it is still pending, atomically: true when
  // this caller took it. Server processes sharing one database may both have the job queued
  // (a restarting one re-queues every pending job); only the one that claims it prints it.
  // The claiming node (node_name, see server_nodes below) is recorded as the one sending it.
  virtual Result<bool> claim_pending_job(std::string_view uuid, std::string_view outcome,
                                         std::string_view node_name) = 0;
  // Moves a job from pending to held with the reason, only if it is still pending, atomically:
  // false when it is not (another server claimed it meanwhile, so it is being printed).
  // by_pause: held because its queue is paused (model::Job::held_by_pause). Every other move
  // of a job clears held_by_pause, so it names only the jobs a pause still holds.
  virtual Result<bool> hold_pending_job(std::string_view uuid, std::string_view reason,
                                        bool by_pause) = 0;
  // Replaces a job's counts and cost before it is charged: a held job released to a printer is
  // priced for that printer. Refused once the job has printed (its charge stands; refund it).
  // document_format, when not empty, is the MIME type the analysis found (a job analysed after
  // it was recorded); empty keeps the stored one.
  virtual Result<model::Job> set_job_price(std::string_view uuid, const model::PageCounts& counts,
                                           std::int64_t cost_cents,
                                           std::string_view document_format = {}) = 0;
  virtual Result<std::optional<model::Job>> find_job(std::string_view uuid) = 0;

  // Server nodes: the server processes sharing this database, each under a stable name.
  // A node says it is alive every few seconds; one silent since before `alive_since` is dead.
  virtual Status record_node_alive(std::string_view node_name) = 0;
  // Moves to held, with `outcome`, every job left "printing" by a node that cannot finish it:
  // a dead node, no node (older rows), or `restarting_node` (this process's previous run;
  // empty when sweeping while running). Such a job may have printed, so it is never resent
  // silently. Dead nodes are forgotten. Returns the held UUIDs and how many nodes were dead.
  virtual Result<AbandonedJobs> hold_abandoned_jobs(std::string_view restarting_node,
                                                    model::Timestamp alive_since,
                                                    std::string_view outcome) = 0;
  virtual Result<std::vector<model::Job>> list_jobs(const JobFilter& filter) = 0;
  // Retention: cancels every job still held whose hold time (its queue's hold_expiry_seconds,
  // else `default_hold_seconds`; 0: never) has ended by `now`, each with
  // `outcome(hold_seconds)` (a job released meanwhile is not held any more). Charges and
  // ledger entries are untouched. Returns the cancelled jobs.
  virtual Result<std::vector<HeldJobExpiry>> expire_held_jobs(
      model::Timestamp now, std::int64_t default_hold_seconds,
      const std::function<std::string(std::int64_t hold_seconds)>& outcome) = 0;
  // The held jobs of `owner_id` that will expire (not those that never do), soonest first.
  virtual Result<std::vector<HeldJobExpiry>> held_job_expiries(
      std::int64_t owner_id, std::int64_t default_hold_seconds) = 0;
  // D10, two-phase submission (sql_store_commit.cc). commit_job: a job awaiting its client's
  // commit is committed into `committed_state` with `outcome` (held_by_pause: held because its
  // queue is paused, model::Job::held_by_pause); any other job is returned as it
  // is (a repeated commit changes nothing); nullopt: no such job. extend_commit_deadline
  // moves a job's commit_before (its client submitted it again); false when it no longer
  // awaits its commit. expire_uncommitted_jobs cancels, with `outcome`, every job still
  // awaiting its commit whose commit_before is before `deadline_before`; returns their UUIDs.
  // record_job of a fallback report for a UUID the server recorded: a server copy that has not
  // printed becomes the fallback print (charged once); one that printed is flagged printed
  // twice (also_printed_on), charged once.
  virtual Result<std::optional<model::Job>> commit_job(std::string_view uuid,
                                                       model::JobState committed_state,
                                                       std::string_view outcome,
                                                       bool held_by_pause) = 0;
  virtual Result<bool> extend_commit_deadline(std::string_view uuid,
                                              model::Timestamp commit_before) = 0;
  virtual Result<std::vector<std::string>> expire_uncommitted_jobs(model::Timestamp deadline_before,
                                                                   std::string_view outcome) = 0;

  // Ledger: top-ups and refunds are administrative (audited); charges come from jobs.
  virtual Result<model::LedgerEntry> top_up(std::int64_t user_id, std::int64_t cents,
                                            std::string_view note, const Actor& actor) = 0;
  // Refunds a charged job once; a second refund of the same UUID is refused.
  virtual Result<model::LedgerEntry> refund_job(std::string_view uuid, std::string_view note,
                                                const Actor& actor) = 0;
  virtual Result<std::vector<model::LedgerEntry>> ledger_of(std::int64_t user_id) = 0;

  virtual Result<std::vector<PrinterUse>> printer_history(std::int64_t user_id) = 0;
  virtual Result<std::vector<ReportRow>> report(ReportGrouping grouping,
                                                const JobFilter& filter) = 0;
  virtual Result<std::vector<model::AuditEntry>> audit_log(int limit) = 0;  // newest first

  // How many jobs the filter matches, whatever its limit and offset (listings a page at a time).
  virtual Result<std::int64_t> count_jobs(const JobFilter& filter) = 0;

  // Desktop clients' heartbeat reports: a client's new report replaces its previous one, and
  // reported_at is set to the store's clock. Listed with the user's login, newest first.
  virtual Status record_client_report(const model::ClientReport& report) = 0;
  virtual Result<std::vector<model::ClientReport>> client_reports() = 0;
};

// Opens (creating if needed) the SQLite database at path and brings its schema up to date.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 StoreOptions options = {});

// Connects to PostgreSQL ("postgresql://user@host:port/db") and brings the schema up to date.
// Several servers may share the database. Available when built with libpqxx
// (PRINTLINE_HAVE_POSTGRES); otherwise it returns an Error saying so.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& conninfo,
                                                   StoreOptions options = {});

}  // namespace printline::store
