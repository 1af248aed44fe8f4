#pragma once
// The one implementation of Store, written against the SQL layer (sql_connection.h) so that it
// runs on SQLite and PostgreSQL alike. Writes go through one connection, serialised by a mutex;
// reads through reader connections when the store has them (SQLite in WAL mode: a read sees the
// last commit and never waits for a write, and so not for its sync), else through the writer.
// Several Store objects (or processes) may share one database: the backend's locking, the
// row locks of read-modify-write steps and the schema's UNIQUE constraints keep them
// consistent. Methods are split over sql_store_*.cc by concept.

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "store/sql/migration.h"
#include "store/sql/sql_layer.h"
#include "store/storage_failure.h"
#include "store/store.h"

namespace printline::store::sql {

// A refusal the caller can act on (unknown user, invalid profile ...), thrown inside a
// transaction and returned as an Error value.
struct Refusal {
  std::string message;
};

// Runs a statement; a constraint violation (UNIQUE, FOREIGN KEY, CHECK) becomes a Refusal
// with the given message.
inline void run_or_refuse(Query& q, const std::string& message_on_conflict) {
  try {
    q.run();
  } catch (const SqlError& e) {
    if (e.is_constraint()) throw Refusal{message_on_conflict};
    throw;
  }
}

// Steps an INSERT/UPDATE ... RETURNING id: the id, or nullopt when no row was written
// (ON CONFLICT DO NOTHING, or an UPDATE that matched nothing). A constraint violation becomes
// a Refusal with the given message.
inline std::optional<std::int64_t> insert_or_refuse(Query& q,
                                                    const std::string& message_on_conflict) {
  try {
    if (!q.step()) return std::nullopt;
    const std::int64_t id = q.integer(0);
    q.run();
    return id;
  } catch (const SqlError& e) {
    if (e.is_constraint()) throw Refusal{message_on_conflict};
    throw;
  }
}

class SqlStore final : public Store {
 public:
  // Brings the schema up to date with the backend's migrations; throws SqlError on failure.
  SqlStore(std::unique_ptr<Connection> connection, std::span<const Migration> migrations,
           StoreOptions options, std::vector<std::unique_ptr<Connection>> readers = {});

  Result<model::User> create_user(const model::User& user, std::string_view password,
                                  const Actor& actor) override;
  Result<model::User> update_user(const model::User& user, const Actor& actor) override;
  Status delete_user(std::int64_t user_id, const Actor& actor) override;
  Result<std::optional<model::User>> find_user(std::int64_t user_id) override;
  Result<std::optional<model::User>> find_user_by_login(std::string_view login) override;
  Result<std::vector<model::User>> list_users() override;
  Status set_password(std::int64_t user_id, std::string_view password, const Actor& actor) override;
  Status set_pin(std::int64_t user_id, std::optional<std::string_view> pin,
                 const Actor& actor) override;
  Status set_card(std::int64_t user_id, std::optional<std::string_view> card,
                  const Actor& actor) override;
  Result<std::optional<model::User>> find_user_by_card(std::string_view card) override;
  Result<std::optional<model::User>> verify_login(std::string_view login,
                                                  std::string_view password) override;
  Result<std::optional<model::User>> verify_pin(std::string_view login,
                                                std::string_view pin) override;

  Result<IssuedToken> issue_token(std::int64_t user_id, std::chrono::seconds lifetime) override;
  Result<std::optional<model::User>> authenticate_token(std::string_view token) override;
  Status revoke_token(std::int64_t token_id) override;
  Status revoke_token_hash(std::string_view token_hash) override;
  Status revoke_tokens_of(std::int64_t user_id) override;
  Status revoke_other_tokens(std::int64_t user_id, std::string_view kept_token_hash) override;

  Result<model::UserGroup> create_user_group(const model::UserGroup& group,
                                             const Actor& actor) override;
  Result<model::UserGroup> update_user_group(const model::UserGroup& group,
                                             const Actor& actor) override;
  Status delete_user_group(std::int64_t group_id, const Actor& actor) override;
  Result<std::optional<model::UserGroup>> find_user_group(std::int64_t group_id) override;
  Result<std::vector<model::UserGroup>> list_user_groups() override;
  Result<std::vector<std::string>> groups_of(std::string_view login) override;
  Status apply_directory_sync(const DirectorySyncPlan& plan, const Actor& actor) override;

  Result<model::Printer> create_printer(const model::Printer& printer, const Actor& actor) override;
  Result<model::Printer> update_printer(const model::Printer& printer, const Actor& actor) override;
  Status delete_printer(std::int64_t printer_id, const Actor& actor) override;
  Result<std::optional<model::Printer>> find_printer(std::int64_t printer_id) override;
  Result<std::optional<model::Printer>> find_printer_by_name(std::string_view name) override;
  Result<std::vector<model::Printer>> list_printers() override;

  Result<model::PrinterGroup> create_group(const model::PrinterGroup& group,
                                           const Actor& actor) override;
  Result<model::PrinterGroup> update_group(const model::PrinterGroup& group,
                                           const Actor& actor) override;
  Status delete_group(std::int64_t group_id, const Actor& actor) override;
  Result<std::optional<model::PrinterGroup>> find_group(std::int64_t group_id) override;
  Result<std::vector<model::PrinterGroup>> list_groups() override;

  Result<model::PrintQueue> create_queue(const model::PrintQueue& queue,
                                         const Actor& actor) override;
  Result<model::PrintQueue> update_queue(const model::PrintQueue& queue,
                                         const Actor& actor) override;
  Status delete_queue(std::int64_t queue_id, const Actor& actor) override;
  Result<std::optional<model::PrintQueue>> find_queue_by_name(std::string_view name) override;
  Result<std::vector<model::PrintQueue>> list_queues() override;
  Status set_queue_control(std::int64_t queue_id, const model::QueueControl& control) override;

  Result<model::PriceList> price_list() override;
  Status set_price_list(const model::PriceList& prices, const Actor& actor) override;

  Result<SavedProfile> create_profile(const model::ClientProfile& profile,
                                      const Actor& actor) override;
  Result<SavedProfile> update_profile(const model::ClientProfile& profile,
                                      const Actor& actor) override;
  Status delete_profile(std::int64_t profile_id, const Actor& actor) override;
  Result<std::optional<model::ClientProfile>> find_profile(std::int64_t profile_id) override;
  Result<std::vector<model::ClientProfile>> list_profiles() override;
  Result<std::optional<model::ClientProfile>> profile_for(std::string_view login) override;

  Result<RecordedJob> record_job(const model::Job& job) override;
  Result<std::vector<Result<RecordedJob>>> record_jobs(std::span<const model::Job> jobs) override;
  Result<std::vector<Result<RecordedJob>>> record_submitted_jobs(
      std::span<const SubmittedJob> jobs) override;
  Result<std::optional<std::string>> job_document(std::string_view uuid) override;
  Status remove_job_document(std::string_view uuid) override;
  Result<std::vector<std::string>> jobs_with_documents() override;
  Result<std::uint64_t> held_document_bytes(std::int64_t owner_id) override;
  Result<std::vector<std::string>> unanalysed_jobs() override;
  Status mark_unanalysed(std::string_view uuid) override;
  Result<model::Job> set_job_state(std::string_view uuid, model::JobState state,
                                   std::optional<std::int64_t> printer_id,
                                   std::string_view outcome) override;
  Result<bool> hold_pending_job(std::string_view uuid, std::string_view reason,
                                bool by_pause) override;
  Result<bool> claim_pending_job(std::string_view uuid, std::string_view outcome,
                                 std::string_view node_name) override;
  Result<model::Job> set_job_price(std::string_view uuid, const model::PageCounts& counts,
                                   std::int64_t cost_cents,
                                   std::string_view document_format = {}) override;
  Result<std::optional<model::Job>> find_job(std::string_view uuid) override;

  Status record_node_alive(std::string_view node_name) override;
  Result<AbandonedJobs> hold_abandoned_jobs(std::string_view restarting_node,
                                            model::Timestamp alive_since,
                                            std::string_view outcome) override;
  Result<std::vector<model::Job>> list_jobs(const JobFilter& filter) override;
  Result<std::vector<HeldJobExpiry>> expire_held_jobs(
      model::Timestamp now, std::int64_t default_hold_seconds,
      const std::function<std::string(std::int64_t hold_seconds)>& outcome) override;
  Result<std::vector<HeldJobExpiry>> held_job_expiries(std::int64_t owner_id,
                                                       std::int64_t default_hold_seconds) override;
  Result<std::optional<model::Job>> commit_job(std::string_view uuid,
                                               model::JobState committed_state,
                                               std::string_view outcome,
                                               bool held_by_pause) override;
  Result<bool> extend_commit_deadline(std::string_view uuid,
                                      model::Timestamp commit_before) override;
  Result<std::vector<std::string>> expire_uncommitted_jobs(model::Timestamp deadline_before,
                                                           std::string_view outcome) override;

  Result<model::LedgerEntry> top_up(std::int64_t user_id, std::int64_t cents, std::string_view note,
                                    const Actor& actor) override;
  Result<model::LedgerEntry> refund_job(std::string_view uuid, std::string_view note,
                                        const Actor& actor) override;
  Result<std::vector<model::LedgerEntry>> ledger_of(std::int64_t user_id) override;

  Result<std::vector<PrinterUse>> printer_history(std::int64_t user_id) override;
  Result<std::vector<ReportRow>> report(ReportGrouping grouping, const JobFilter& filter) override;
  Result<std::vector<model::AuditEntry>> audit_log(int limit) override;

  Result<std::int64_t> count_jobs(const JobFilter& filter) override;

  Status record_client_report(const model::ClientReport& report) override;
  Result<std::vector<model::ClientReport>> client_reports() override;

 private:
  // Runs body inside one transaction under the mutex; exceptions become Error values.
  // A fatal storage error poisons the store: later calls fail too (LevelDB's rule that
  // half-written state is never trusted).
  template <typename Body>
  auto transact(TransactionMode mode, Body&& body) -> Result<std::invoke_result_t<Body&>>;
  template <typename Body>
  auto write(Body&& body) {
    return transact(TransactionMode::kWrite, std::forward<Body>(body));
  }
  template <typename Body>
  auto read(Body&& body) {
    return transact(TransactionMode::kRead, std::forward<Body>(body));
  }

  std::int64_t now_unix() const;
  void fault(std::string_view point);  // throws when the test hook asks to fail here
  void audit(const Actor& actor, std::string_view action, std::string_view kind,
             std::string_view name, std::string_view details);

  // Shared steps, called inside a transaction.
  std::optional<model::User> load_user(std::int64_t user_id);
  model::User require_user(std::int64_t user_id);
  model::User require_user_for_update(std::int64_t user_id);  // locks the row until commit
  std::optional<model::User> load_user_by_login(std::string_view login);
  // Fills in User::group_quota (one query for all): the find_* and list calls and
  // require_user_for_update do; the other loads (authentication, directory sync) need not.
  void attach_group_quotas(std::span<model::User> users);
  std::optional<model::User> with_group_quota(std::optional<model::User> user);
  std::optional<model::Printer> load_printer(std::int64_t printer_id);
  std::optional<model::PrinterGroup> load_group(std::int64_t group_id);
  std::optional<model::UserGroup> load_user_group(std::int64_t group_id);
  void save_user_group_members(const model::UserGroup& group);
  // Refuses when a profile names the group (renaming or deleting it would detach the profile).
  void refuse_if_profile_names(std::string_view group_name, std::string_view change);
  std::vector<std::string> load_groups_of(std::string_view login);  // most specific first
  std::vector<model::ClientProfile> load_profiles();                // in name order
  std::optional<model::ClientProfile> load_profile(std::int64_t profile_id);
  std::optional<model::Job> load_job(std::string_view uuid);
  bool lock_if_pending(std::string_view uuid);  // row-locked until commit when pending
  void save_group_members(const model::PrinterGroup& group);
  SavedProfile save_profile(const model::ClientProfile& profile, bool create, const Actor& actor);
  RecordedJob record_job_in_transaction(const model::Job& job, std::string_view document = {});
  RecordedJob meet_recorded_job(const model::Job& existing, const model::Job& report);
  bool charge_job(const model::Job& job);  // false when the UUID was already charged
  model::LedgerEntry append_ledger(const model::User& user, model::LedgerKind kind,
                                   std::int64_t amount, std::optional<std::string> job_uuid,
                                   std::optional<model::JobOrigin> origin, std::string_view actor,
                                   std::string_view note);
  void note_printer_use(std::int64_t user_id, std::int64_t printer_id);

  // The connection of the transaction this thread is in (transact sets it).
  Connection& db() { return *current_; }
  // A connection for one transaction: the writer under its mutex, or a free reader.
  class Lease;
  std::optional<std::string> broken() const;
  void set_broken(std::string why);

  StoreOptions options_;
  std::mutex mutex_;  // the writer's
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable reader_freed_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;
  mutable std::mutex broken_mutex_;
  std::optional<std::string> broken_;  // set after a fatal storage error
  static thread_local Connection* current_;
};

class SqlStore::Lease {
 public:
  Lease(SqlStore& store, TransactionMode mode);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Connection& connection() { return *connection_; }

 private:
  SqlStore& store_;
  Connection* connection_ = nullptr;
  bool reader_ = false;
  Connection* outer_;  // the thread's connection before this lease
};

template <typename Body>
auto SqlStore::transact(TransactionMode mode, Body&& body) -> Result<std::invoke_result_t<Body&>> {
  Lease lease(*this, mode);
  if (auto why = broken()) {
    return storage_failure("it failed earlier and is no longer trusted (" + *why +
                           "): fix the disk or database, then restart the server");
  }
  try {
    Transaction tx(lease.connection(), mode);
    auto result = body();
    tx.commit();
    return result;
  } catch (const Refusal& refusal) {
    return Error{refusal.message};
  } catch (const SqlError& e) {
    if (e.is_fatal()) set_broken(e.what());
    return storage_failure(e.what());
  } catch (const std::exception& e) {
    // A bug or exhaustion below (bad JSON in a row, out of memory): still an Error value.
    return storage_failure(std::string("internal: ") + e.what());
  }
}

}  // namespace printline::store::sql
