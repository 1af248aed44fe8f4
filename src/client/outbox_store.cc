#include "client/outbox_store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "model/json.h"

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

// Finalizes the statement on every path out.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

std::string text_column(sqlite3_stmt* stmt, int column) {
  const auto* text = sqlite3_column_text(stmt, column);
  return text ? reinterpret_cast<const char*>(text) : "";
}

model::Timestamp seconds(std::int64_t value) { return model::Timestamp{std::chrono::seconds(value)}; }

OutboxJob read_row(sqlite3_stmt* s) {
  OutboxJob job;
  job.uuid = text_column(s, 0);
  job.title = text_column(s, 1);
  job.document_format = text_column(s, 2);
  job.copies = sqlite3_column_int(s, 3);
  job.size_bytes = static_cast<std::uint64_t>(sqlite3_column_int64(s, 4));
  job.submitted_by = text_column(s, 5);
  job.state = job_state_from_name(text_column(s, 6)).value_or(JobState::kReceived);
  job.reason = text_column(s, 7);
  if (sqlite3_column_type(s, 8) != SQLITE_NULL) job.printer_id = sqlite3_column_int64(s, 8);
  job.printer = text_column(s, 9);
  job.target_uri = text_column(s, 10);
  job.may_be_counted_twice = sqlite3_column_int(s, 11) != 0;
  if (sqlite3_column_type(s, 12) != SQLITE_NULL) {
    auto parsed = nlohmann::json::parse(text_column(s, 12), nullptr, false);
    if (!parsed.is_discarded()) {
      model::PageCounts counts;
      counts.pages = model::integer_or(parsed, "pages", std::int64_t{0});
      counts.color_pages = model::integer_or(parsed, "color_pages", std::int64_t{0});
      counts.duplex = parsed.value("duplex", false);
      counts.copies = model::integer_or(parsed, "copies", std::int64_t{1});
      if (auto paper = model::parse_json<model::PaperSize>(parsed.value("paper", nlohmann::json("A4")));
          paper.ok()) {
        counts.paper = *paper;
      }
      job.counts = counts;
    }
  }
  job.estimated_cost_cents = sqlite3_column_int64(s, 13);
  job.received_at = seconds(sqlite3_column_int64(s, 14));
  job.updated_at = seconds(sqlite3_column_int64(s, 15));
  if (sqlite3_column_type(s, 16) != SQLITE_NULL) job.printed_at = seconds(sqlite3_column_int64(s, 16));
  job.fallback_send_started = sqlite3_column_int(s, 17) != 0;
  job.hold_until_retry = sqlite3_column_int(s, 18) != 0;
  job.prompt = pending_prompt_from_name(text_column(s, 19));
  job.upload_error = text_column(s, 20);
  // Written by write() from a checked ticket; an unreadable one (edited by hand) is the default.
  try {
    job.ticket = nlohmann::json::parse(text_column(s, 21)).get<model::JobTicket>();
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

}  // namespace

Result<std::unique_ptr<OutboxStore>> OutboxStore::open(const std::filesystem::path& state_dir) {
  if (auto made = ensure_directory(state_dir / "spool"); !made.ok()) return made.error();
  const auto path = state_dir / "outbox.db";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error{fmt::format("Cannot open the outbox {}: {}. Check the state directory.",
                             path.string(), message)};
  }
  ::chmod(path.c_str(), 0600);
  std::unique_ptr<OutboxStore> store(new OutboxStore(db, state_dir / "spool"));
  sqlite3_busy_timeout(db, 5000);
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", kSchema}) {
    if (auto done = store->exec(sql); !done.ok()) return done.error();
  }
  // An outbox from before tickets were kept (D11): its jobs get the default ticket.
  if (!store->has_column("ticket")) {
    if (auto done = store->exec("ALTER TABLE jobs ADD COLUMN ticket TEXT NOT NULL DEFAULT '{}'");
        !done.ok())
      return done.error();
  }
  return store;
}

OutboxStore::OutboxStore(sqlite3* db, std::filesystem::path spool_dir)
    : db_(db), spool_dir_(std::move(spool_dir)) {}

OutboxStore::~OutboxStore() { sqlite3_close(db_); }

bool OutboxStore::has_column(const char* name) const {
  Statement s;
  if (sqlite3_prepare_v2(db_, "SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = ?1", -1,
                         &s.stmt, nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(s.stmt, 1, name, -1, SQLITE_TRANSIENT);
  return sqlite3_step(s.stmt) == SQLITE_ROW && sqlite3_column_int(s.stmt, 0) > 0;
}

Status OutboxStore::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Error{fmt::format("The outbox database failed: {}.", text)};
  }
  return ok_status();
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
  if (auto begun = exec("BEGIN IMMEDIATE"); !begun.ok()) return begun;
  const auto now = model::now_seconds();
  for (auto& job : jobs) {
    job.updated_at = now;
    if (auto written = write(job, false); !written.ok()) {
      (void)exec("ROLLBACK");
      return written;
    }
  }
  if (auto committed = exec("COMMIT"); !committed.ok()) {
    (void)exec("ROLLBACK");
    return committed;
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
  Statement s;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s.stmt, nullptr) != SQLITE_OK) {
    return Error{fmt::format("The outbox database failed: {}.", sqlite3_errmsg(db_))};
  }
  auto text = [&](int i, const std::string& value) {
    sqlite3_bind_text(s.stmt, i, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  };
  const std::string state(job_state_name(job.state));
  const std::string prompt(pending_prompt_name(job.prompt));
  text(1, job.uuid);
  text(2, job.title);
  text(3, job.document_format);
  sqlite3_bind_int(s.stmt, 4, job.copies);
  sqlite3_bind_int64(s.stmt, 5, static_cast<sqlite3_int64>(job.size_bytes));
  text(6, job.submitted_by);
  text(7, state);
  text(8, job.reason);
  if (job.printer_id) sqlite3_bind_int64(s.stmt, 9, *job.printer_id);
  text(10, job.printer);
  text(11, job.target_uri);
  sqlite3_bind_int(s.stmt, 12, job.may_be_counted_twice ? 1 : 0);
  std::string counts;
  if (job.counts) {
    counts = counts_json(*job.counts);
    text(13, counts);
  }
  sqlite3_bind_int64(s.stmt, 14, job.estimated_cost_cents);
  sqlite3_bind_int64(s.stmt, 15, job.received_at.time_since_epoch().count());
  sqlite3_bind_int64(s.stmt, 16, job.updated_at.time_since_epoch().count());
  if (job.printed_at) sqlite3_bind_int64(s.stmt, 17, job.printed_at->time_since_epoch().count());
  sqlite3_bind_int(s.stmt, 18, job.fallback_send_started ? 1 : 0);
  sqlite3_bind_int(s.stmt, 19, job.hold_until_retry ? 1 : 0);
  text(20, prompt);
  text(21, job.upload_error);
  const std::string ticket = nlohmann::json(job.ticket).dump();
  text(22, ticket);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) {
    failed_ = true;
    failure_ = fmt::format(
        "The outbox could not record job {}: {}. Printline stops taking jobs until it is "
        "restarted; check the disk and the state directory.",
        job.uuid, sqlite3_errmsg(db_));
    return Error{failure_};
  }
  if (!insert && sqlite3_changes(db_) == 0) {
    return Error{fmt::format("There is no job {} in the outbox.", job.uuid)};
  }
  return ok_status();
}

std::vector<OutboxJob> OutboxStore::select(const std::string& where_and_order,
                                           const std::string& bind) const {
  std::vector<OutboxJob> jobs;
  std::lock_guard lock(mutex_);
  Statement s;
  const std::string sql = fmt::format("SELECT {} FROM jobs {}", kColumns, where_and_order);
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s.stmt, nullptr) != SQLITE_OK) return jobs;
  if (!bind.empty()) {
    sqlite3_bind_text(s.stmt, 1, bind.c_str(), static_cast<int>(bind.size()), SQLITE_TRANSIENT);
  }
  while (sqlite3_step(s.stmt) == SQLITE_ROW) jobs.push_back(read_row(s.stmt));
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
