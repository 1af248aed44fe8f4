#pragma once
// The durable outbox (issue 4): every job's record in SQLite (WAL, synchronous=FULL, through
// the shared SQL layer's SqliteConnection, src/sql/) and its document in <state>/spool/<uuid>.
// A document is on disk and fsync'ed before its record is committed, and a record is committed
// before anyone is told the job was accepted; every state change is committed before it is
// acted on. So kill -9 or power loss at any moment leaves either no job (the submitter was not
// told yes) or a job in a state the daemon can resume from (docs/client.md, "Crash recovery").
//
// Once a write has failed, every later write fails too: the daemon never acts on a state it
// could not record (STYLE.md, LevelDB).
//
// Threading: every method may be called from any thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/durable_file.h"
#include "client/outbox_job.h"
#include "model/affordability.h"
#include "transport/document_source.h"

namespace printline::sql {
class Connection;
}

namespace printline::client {

class OutboxStore {
 public:
  // Opens (creating if needed) <state_dir>/outbox.db and <state_dir>/spool.
  static Result<std::unique_ptr<OutboxStore>> open(const std::filesystem::path& state_dir);
  ~OutboxStore();
  OutboxStore(const OutboxStore&) = delete;
  OutboxStore& operator=(const OutboxStore&) = delete;

  // Spools the document durably, then commits the record (state kReceived). job.uuid must be
  // set; size_bytes is filled in. `prepare`, if given, may complete the record from the
  // spooled file before it commits (e.g. detect the document format).
  Result<OutboxJob> add(
      OutboxJob job, transport::DocumentSource& document,
      const std::function<void(OutboxJob&, const std::filesystem::path&)>& prepare = {});
  // Commits the whole record; updated_at is set to now.
  Result<OutboxJob> update(OutboxJob job);
  // Commits several records in one transaction (the accounting upload marks a whole batch).
  Status update_all(std::vector<OutboxJob>& jobs);

  std::optional<OutboxJob> find(const std::string& uuid) const;
  // A UUID or a unique prefix of one (the CLI lets people type a few characters).
  Result<OutboxJob> find_by_prefix(const std::string& prefix) const;
  std::vector<OutboxJob> all() const;  // newest first
  std::vector<OutboxJob> in_state(JobState state) const;  // oldest first

  // Printed offline and not yet accounted: D5 subtracts it from the last synced balance/quota.
  model::UnsyncedSpending unsynced_spending() const;
  // Printers the user printed on in fallback, most recent first (D2's local history).
  std::vector<std::int64_t> fallback_history() const;

  std::filesystem::path spool_path(const std::string& uuid) const { return spool_dir_ / uuid; }
  Status remove_document(const std::string& uuid);
  // Removes a document that is no longer needed (the job is final) without waiting for the
  // disk: if the removal is lost in a crash, remove_orphan_documents() finds it again.
  void discard_document(const std::string& uuid);
  // Spool files without a record (a crash after spooling, before the commit: the submitter was
  // never told the job was accepted) and spool files of final jobs are removed.
  int remove_orphan_documents();

 private:
  OutboxStore(std::unique_ptr<sql::Connection> connection, std::filesystem::path spool_dir);
  bool has_column(const char* name) const;
  Status write(const OutboxJob& job, bool insert);
  std::vector<OutboxJob> select(const std::string& where_and_order, const std::string& bind) const;

  mutable std::mutex mutex_;
  std::unique_ptr<sql::Connection> connection_;  // used under mutex_ only
  std::filesystem::path spool_dir_;
  bool failed_ = false;
  std::string failure_;
};

}  // namespace printline::client
