#include "client/outbox_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "model/json.h"
#include "sql/sqlite_connection.h"

namespace printline::client {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS jobs (
  uuid TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  document_format TEXT NOT NULL,
  copies INTEGER NOT NULL,
  size_bytes INTEGER NOT NULL,
  submitted_by TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  printer_id INTEGER,
  printer TEXT NOT NULL,
  target_uri TEXT NOT NULL,
  may_be_counted_twice INTEGER NOT NULL,
  counts TEXT,
  estimated_cost_cents INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  printed_at INTEGER,
  fallback_send_started INTEGER NOT NULL,
  hold_until_retry INTEGER NOT NULL,
  prompt TEXT NOT NULL,
  upload_error TEXT NOT NULL,
  ticket TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state);
)sql";

constexpr const char* kColumns =
    "uuid, title, document_format, copies, size_bytes, submitted_by, state, reason, printer_id, "
    "printer, target_uri, may_be_counted_twice, counts, estimated_cost_cents, received_at, "
    "updated_at, printed_at, fallback_send_started, hold_until_retry, prompt, upload_error, "
    "ticket";

// How long a statement waits for a lock another connection holds (a stray `sqlite3` shell).
constexpr int kBusyTimeoutMs = 5000;

model::Timestamp seconds(std::int64_t value) {
  return model::Timestamp{std::chrono::seconds(value)};
}
std::int64_t unix_seconds(model::Timestamp t) { return t.time_since_epoch().count(); }

OutboxJob read_row(const sql::Query& s) {
  OutboxJob job;
  job.uuid = s.text(0);
  job.title = s.text(1);
  job.document_format = s.text(2);
  job.copies = static_cast<int>(s.integer(3));
  job.size_bytes = static_cast<std::uint64_t>(s.integer(4));
  job.submitted_by = s.text(5);
  job.state = job_state_from_name(s.text(6)).value_or(JobState::kReceived);
  job.reason = s.text(7);
  job.printer_id = s.optional_integer(8);
  job.printer = s.text(9);
  job.target_uri = s.text(10);
  job.may_be_counted_twice = s.boolean(11);
  if (auto text = s.optional_text(12)) {
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (!parsed.is_discarded()) {
      model::PageCounts counts;
      counts.pages = model::integer_or(parsed, "pages", std::int64_t{0});
      counts.color_pages = model::integer_or(parsed, "color_pages", std::int64_t{0});
      counts.duplex = parsed.value("duplex", false);
      counts.copies = model::integer_or(parsed, "copies", std::int64_t{1});
      if (auto paper =
              model::parse_json<model::PaperSize>(parsed.value("paper", nlohmann::json("A4")));
          paper.ok()) {
        counts.paper = *paper;
      }
      job.counts = counts;
    }
  }
  job.estimated_cost_cents = s.integer(13);
  job.received_at = seconds(s.integer(14));
  job.updated_at = seconds(s.integer(15));
  if (auto printed = s.optional_integer(16)) job.printed_at = seconds(*printed);
  job.fallback_send_started = s.boolean(17);
  job.hold_until_retry = s.boolean(18);
  job.prompt = pending_prompt_from_name(s.text(19));
  job.upload_error = s.text(20);
  // Written by write() from a checked ticket; an unreadable one (edited by hand) is the default.
  try {
    job.ticket = nlohmann::json::parse(s.text(21)).get<model::JobTicket>();
  } catch (const nlohmann::json::exception&) {
    job.ticket = {};
  }
  return job;
}

std::string counts_json(const model::PageCounts& counts) {
  nlohmann::json j = {{"pages", counts.pages},   {"color_pages", counts.color_pages},
                      {"paper", counts.paper},   {"duplex", counts.duplex},
                      {"copies", counts.copies}};
  return j.dump();
}

Error database_failed(const sql::SqlError& e) {
  return Error{fmt::format("The outbox database failed: {}.", e.what())};
}

}  // namespace

Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const std::filesystem::path& state_dir) {
  if (auto made = ensure_directory(state_dir / "spool"); !made.ok()) return made.error();
  const auto path = state_dir / "outbox.db";
  // Owner-only before SQLite opens it: its WAL and journal files take the database's mode.
  if (int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
  ::chmod(path.c_str(), 0600);
  std::unique_ptr<sql::Connection> connection;
  try {
    connection = std::make_unique<sql::SqliteConnection>(path.string(), kBusyTimeoutMs);
  } catch (const sql::SqlError& e) {
    return Error{fmt::format("Cannot open the outbox {}: {}. Check the state directory.",
                             path.string(), e.what())};
  }
  std::unique_ptr<OutboxStore> store(new OutboxStore(std::move(connection), state_dir / "spool"));
  try {
    store->connection_->exec(kSchema);
    // An outbox from before tickets were kept (D11): its jobs get the default ticket.
    if (!store->has_column("ticket")) {
      store->connection_->exec("ALTER TABLE jobs ADD COLUMN ticket TEXT NOT NULL DEFAULT '{}'");
    }
  } catch (const sql::SqlError& e) {
    return database_failed(e);
  }
  return store;
}

OutboxStore::OutboxStore(std::unique_ptr<sql::Connection> connection,
                         std::filesystem::path spool_dir)
    : connection_(std::move(connection)), spool_dir_(std::move(spool_dir)) {}

OutboxStore::~OutboxStore() = default;

bool OutboxStore::has_column(const char* name) const {
  auto q = connection_->query("SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = ?1");
  q.bind(1, name);
  return q.step() && q.integer(0) > 0;
}

Result<OutboxJob> OutboxStore::add(
    OutboxJob job, transport::DocumentSource& document,
    const std::function<void(OutboxJob&, const std::filesystem::path&)>& prepare) {
  {
    std::lock_guard lock(mutex_);
    if (failed_) return Error{failure_};
  }
  // Outside the lock: a large document must not block every other outbox call.
  auto size = spool_document_durably(spool_path(job.uuid), document);
  if (!size.ok()) return size.error();
  job.size_bytes = *size;
  if (prepare) prepare(job, spool_path(job.uuid));
  job.state = JobState::kReceived;
  job.received_at = job.updated_at = model::now_seconds();
  std::lock_guard lock(mutex_);
  if (auto written = write(job, true); !written.ok()) {
    ::unlink(spool_path(job.uuid).c_str());
    return written.error();
  }
  return job;
}

Result<OutboxJob> OutboxStore::update(OutboxJob job) {
  job.updated_at = model::now_seconds();
  std::lock_guard lock(mutex_);
  if (auto written = write(job, false); !written.ok()) return written.error();
  return job;
}

Status OutboxStore::update_all(std::vector<OutboxJob>& jobs) {
  std::lock_guard lock(mutex_);
  if (failed_) return Error{failure_};
  try {
    // Rolled back, whatever stops it before the commit.
    sql::Transaction transaction(*connection_, sql::TransactionMode::kWrite);
    const auto now = model::now_seconds();
    for (auto& job : jobs) {
      job.updated_at = now;
      if (auto written = write(job, false); !written.ok()) return written;
    }
    transaction.commit();
  } catch (const sql::SqlError& e) {
    return database_failed(e);
  }
  return ok_status();
}

Status OutboxStore::write(const OutboxJob& job, bool insert) {
  if (failed_) return Error{failure_};
  const std::string sql =
      insert ? fmt::format("INSERT INTO jobs ({}) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                           "?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)",
                           kColumns)
             : std::string(
                   "UPDATE jobs SET title=?2, document_format=?3, copies=?4, size_bytes=?5, "
                   "submitted_by=?6, state=?7, reason=?8, printer_id=?9, printer=?10, "
                   "target_uri=?11, may_be_counted_twice=?12, counts=?13, "
                   "estimated_cost_cents=?14, received_at=?15, updated_at=?16, printed_at=?17, "
                   "fallback_send_started=?18, hold_until_retry=?19, prompt=?20, "
                   "upload_error=?21, ticket=?22 WHERE uuid=?1");
  const std::string state(job_state_name(job.state));
  const std::string prompt(pending_prompt_name(job.prompt));
  std::optional<std::string> counts;
  if (job.counts) counts = counts_json(*job.counts);
  std::optional<std::int64_t> printed_at;
  if (job.printed_at) printed_at = unix_seconds(*job.printed_at);
  const std::string ticket = nlohmann::json(job.ticket).dump();
  try {
    auto q = connection_->query(sql);
    // Preparing may fail without writing; from here on, a failure is a failed write.
    try {
      q.bind_all(job.uuid, job.title, job.document_format, job.copies,
                 static_cast<std::int64_t>(job.size_bytes), job.submitted_by, state, job.reason,
                 job.printer_id, job.printer, job.target_uri, job.may_be_counted_twice, counts,
                 job.estimated_cost_cents, unix_seconds(job.received_at),
                 unix_seconds(job.updated_at), printed_at, job.fallback_send_started,
                 job.hold_until_retry, prompt, job.upload_error, ticket);
      q.run();
    } catch (const sql::SqlError& e) {
      failed_ = true;
      failure_ = fmt::format(
          "The outbox could not record job {}: {}. Printline stops taking jobs until it is "
          "restarted; check the disk and the state directory.",
          job.uuid, e.what());
      return Error{failure_};
    }
    if (!insert) {
      auto changed = connection_->query("SELECT changes()");
      if (!changed.step() || changed.integer(0) == 0) {
        return Error{fmt::format("There is no job {} in the outbox.", job.uuid)};
      }
    }
  } catch (const sql::SqlError& e) {
    return database_failed(e);
  }
  return ok_status();
}

std::vector<OutboxJob> OutboxStore::select(const std::string& where_and_order,
                                           const std::string& bind) const {
  std::vector<OutboxJob> jobs;
  std::lock_guard lock(mutex_);
  try {
    auto q = connection_->query(fmt::format("SELECT {} FROM jobs {}", kColumns, where_and_order));
    if (!bind.empty()) q.bind(1, bind);
    while (q.step()) jobs.push_back(read_row(q));
  } catch (const sql::SqlError&) {
    // A read that fails ends with what it found, as it always has: readers have no error path.
  }
  return jobs;
}

std::optional<OutboxJob> OutboxStore::find(const std::string& uuid) const {
  auto found = select("WHERE uuid = ?1", uuid);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Result<OutboxJob> OutboxStore::find_by_prefix(const std::string& prefix) const {
  if (prefix.empty()) return Error{"Name a job: give its UUID (or its first characters)."};
  if (auto exact = find(prefix)) return *exact;
  std::string escaped;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  auto found = select("WHERE uuid LIKE ?1 || '%' ESCAPE '\\' LIMIT 2", escaped);
  if (found.empty()) {
    return Error{fmt::format("There is no job {} in the outbox: see `printline jobs`.", prefix)};
  }
  if (found.size() > 1) {
    return Error{fmt::format("More than one job starts with {}: type more of its UUID.", prefix)};
  }
  return found.front();
}

std::vector<OutboxJob> OutboxStore::all() const {
  return select("ORDER BY received_at DESC, rowid DESC", "");
}

std::vector<OutboxJob> OutboxStore::in_state(JobState state) const {
  return select("WHERE state = ?1 ORDER BY received_at, rowid", std::string(job_state_name(state)));
}

model::UnsyncedSpending OutboxStore::unsynced_spending() const {
  model::UnsyncedSpending spending;
  for (const auto& job : in_state(JobState::kPrintedOffline)) {
    spending.cost_cents += job.estimated_cost_cents;
    if (job.counts) spending.pages += job.counts->total_pages();
  }
  return spending;
}

std::vector<std::int64_t> OutboxStore::fallback_history() const {
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (const auto& job :
       select("WHERE printed_at IS NOT NULL AND printer_id IS NOT NULL ORDER BY printed_at DESC, "
              "rowid DESC",
              "")) {
    if (seen.insert(*job.printer_id).second) ids.push_back(*job.printer_id);
  }
  return ids;
}

Status OutboxStore::remove_document(const std::string& uuid) {
  return remove_file_durably(spool_path(uuid));
}

void OutboxStore::discard_document(const std::string& uuid) {
  ::unlink(spool_path(uuid).c_str());
}

int OutboxStore::remove_orphan_documents() {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(spool_dir_, ec)) {
    const std::string name = entry.path().filename().string();
    // Temporary files of an interrupted spool, and documents whose record never committed.
    const auto job = name.starts_with(".") ? std::nullopt : find(name);
    if (!job || is_final(job->state)) {
      std::filesystem::remove(entry.path(), ec);
      ++removed;
    }
  }
  if (removed > 0) (void)sync_directory(spool_dir_);
  return removed;
}

}  // namespace printline::client
