#include "store/sql/schema.h"

#include <array>

namespace printline::store::sql {
namespace {

// Written once, in SQLite's DDL; a backend with other types reads it through its dialect
// (migration.cc: PostgreSQL makes INTEGER columns BIGINT and "INTEGER PRIMARY KEY," an identity).
// Times are Unix seconds (UTC). Money is integer cents. Flags are 0/1 integers on every backend,
// so the shared SQL of sql_store_*.cc works on both.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  password_hash TEXT NOT NULL,
  pin_hash TEXT,
  balance_cents INTEGER NOT NULL DEFAULT 0,
  pays_with_credit INTEGER NOT NULL DEFAULT 1,
  quota_period TEXT CHECK (quota_period IN ('day', 'week', 'month')),
  quota_page_limit INTEGER,
  quota_cost_limit_cents INTEGER,
  quota_used_pages INTEGER NOT NULL DEFAULT 0,
  quota_used_cost_cents INTEGER NOT NULL DEFAULT 0,
  quota_period_start INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE printers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  device_uri TEXT NOT NULL,
  color INTEGER NOT NULL,
  largest_paper TEXT NOT NULL,
  duplex INTEGER NOT NULL,
  vendor TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  fallback_allowed INTEGER NOT NULL,
  spool_protocol TEXT CHECK (spool_protocol IN ('RAW', 'LPR', 'IPP')),
  spool_port INTEGER,
  spool_queue TEXT
);

CREATE TABLE printer_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE printer_group_members (
  group_id INTEGER NOT NULL REFERENCES printer_groups(id) ON DELETE CASCADE,
  printer_id INTEGER NOT NULL REFERENCES printers(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (group_id, printer_id)
);

CREATE TABLE queues (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'hold')),
  printer_id INTEGER REFERENCES printers(id) ON DELETE RESTRICT,
  group_id INTEGER REFERENCES printer_groups(id) ON DELETE RESTRICT,
  CHECK (printer_id IS NULL OR group_id IS NULL)
);

CREATE TABLE prices (
  paper TEXT NOT NULL,
  color INTEGER NOT NULL,
  cents_per_page INTEGER NOT NULL CHECK (cents_per_page >= 0),
  PRIMARY KEY (paper, color)
);

CREATE TABLE price_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  duplex_discount_percent INTEGER NOT NULL CHECK (duplex_discount_percent BETWEEN 0 AND 100)
);
INSERT INTO price_settings (id, duplex_discount_percent) VALUES (1, 0);

-- The profile's settings are one JSON document (the model's JSON form); name, default flag
-- and version are columns because the store enforces rules on them.
CREATE TABLE client_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  is_default INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL,
  settings TEXT NOT NULL
);
CREATE UNIQUE INDEX client_profiles_one_default ON client_profiles(is_default) WHERE is_default = 1;

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
  queue_id INTEGER REFERENCES queues(id) ON DELETE SET NULL,
  printer_id INTEGER REFERENCES printers(id) ON DELETE SET NULL,
  origin TEXT NOT NULL CHECK (origin IN ('server', 'fallback')),
  state TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  pages INTEGER NOT NULL CHECK (pages >= 0),
  color_pages INTEGER NOT NULL CHECK (color_pages BETWEEN 0 AND pages),
  paper TEXT NOT NULL,
  duplex INTEGER NOT NULL,
  copies INTEGER NOT NULL CHECK (copies >= 1),
  cost_cents INTEGER NOT NULL CHECK (cost_cents >= 0),
  submitted_at INTEGER NOT NULL,
  printed_at INTEGER,
  outcome TEXT NOT NULL DEFAULT '',
  may_be_counted_twice INTEGER NOT NULL DEFAULT 0
);

-- Every change of a balance. (job_uuid, kind) is unique: a job is charged at most once and
-- refunded at most once, whatever the code above does (D6).
CREATE TABLE ledger (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'refund', 'top-up')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  balance_after_cents INTEGER NOT NULL,
  job_uuid TEXT,
  origin TEXT CHECK (origin IN ('server', 'fallback')),
  actor TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'top-up') = (job_uuid IS NULL))
);
CREATE UNIQUE INDEX ledger_once_per_job ON ledger(job_uuid, kind) WHERE job_uuid IS NOT NULL;

CREATE TABLE printer_history (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  printer_id INTEGER NOT NULL REFERENCES printers(id) ON DELETE CASCADE,
  jobs INTEGER NOT NULL,
  last_used INTEGER NOT NULL,
  PRIMARY KEY (user_id, printer_id)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  object_name TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT ''
);
)sql";

// Listings filter jobs by owner, printer and date; reports scan printed jobs by date.
constexpr std::string_view kJobIndexes = R"sql(
CREATE INDEX jobs_by_owner ON jobs(owner_id, submitted_at);
CREATE INDEX jobs_by_printer ON jobs(printer_id, submitted_at);
CREATE INDEX jobs_by_time ON jobs(submitted_at);
CREATE INDEX ledger_by_user ON ledger(user_id, id);
)sql";

// Server processes sharing one database (PostgreSQL): each names itself and says it is alive;
// a job being sent to a printer records which process sends it, so a restarting process holds
// only its own interrupted jobs and those of processes that stopped saying they are alive.
constexpr std::string_view kServerNodes = R"sql(
CREATE TABLE server_nodes (
  name TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
ALTER TABLE jobs ADD COLUMN printing_node TEXT;
)sql";

// The latest heartbeat report of each desktop client (model/client_report.h): only the
// client knows how many jobs it printed in fallback and has not uploaded yet.
constexpr std::string_view kClientReports = R"sql(
CREATE TABLE client_reports (
  client_id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hostname TEXT NOT NULL,
  os_user TEXT NOT NULL,
  awaiting_upload INTEGER NOT NULL CHECK (awaiting_upload >= 0),
  reported_at INTEGER NOT NULL
);
)sql";

// D12: a report is one user's about one client, so another user sending the same client id
// writes their own row instead of overwriting this one; counts are bounded (the dashboard sums
// them). Counts above the bound from before are clamped to it.
constexpr std::string_view kClientReportsPerUser = R"sql(
CREATE TABLE client_reports_by_user (
  client_id TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  hostname TEXT NOT NULL,
  os_user TEXT NOT NULL,
  awaiting_upload INTEGER NOT NULL CHECK (awaiting_upload BETWEEN 0 AND 1000000),
  reported_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, client_id)
);
INSERT INTO client_reports_by_user
  SELECT client_id, user_id, hostname, os_user, MIN(awaiting_upload, 1000000), reported_at
  FROM client_reports;
DROP TABLE client_reports;
ALTER TABLE client_reports_by_user RENAME TO client_reports;
)sql";
// The same change where a table's key and constraints can be altered in place (PostgreSQL).
constexpr std::string_view kClientReportsPerUserInPlace = R"sql(
ALTER TABLE client_reports DROP CONSTRAINT client_reports_pkey;
UPDATE client_reports SET awaiting_upload = LEAST(awaiting_upload, 1000000);
ALTER TABLE client_reports ADD PRIMARY KEY (user_id, client_id);
ALTER TABLE client_reports ADD CONSTRAINT client_reports_awaiting_bounded
  CHECK (awaiting_upload <= 1000000);
)sql";

// D11: the job's ticket (model::JobTicket as JSON text) and its document's MIME type, so a
// job is printed and priced as asked and delivery never re-analyses it to learn its format.
// Jobs from before keep the defaults: "{}" is the default ticket, '' an unknown format.
constexpr std::string_view kJobTicket = R"sql(
ALTER TABLE jobs ADD COLUMN ticket TEXT NOT NULL DEFAULT '{}';
ALTER TABLE jobs ADD COLUMN document_format TEXT NOT NULL DEFAULT '';
)sql";

// D11: the language a RAW/LPR printer is sent ('auto': as the document is), the paper sizes
// it takes ('' : any up to largest_paper) and the document formats an IPP printer said it
// accepts (''  : not asked yet); lists are comma-separated. Printers from before keep 'auto'.
constexpr std::string_view kPrinterLanguage = R"sql(
ALTER TABLE printers ADD COLUMN language TEXT NOT NULL DEFAULT 'auto'
  CHECK (language IN ('auto', 'pdf', 'postscript', 'pcl-xl', 'pcl5'));
ALTER TABLE printers ADD COLUMN paper_sizes TEXT NOT NULL DEFAULT '';
ALTER TABLE printers ADD COLUMN document_formats TEXT NOT NULL DEFAULT '';
)sql";

// D10: a desktop client's job waits for the client's confirmation (awaiting_commit, taken
// until commit_before) before it is printed or charged; a job the server printed and a
// fallback printer printed too records that printer (also_printed_on: "printed twice",
// charged once).
constexpr std::string_view kTwoPhaseSubmission = R"sql(
ALTER TABLE jobs ADD COLUMN awaiting_commit INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN also_printed_on INTEGER;
ALTER TABLE jobs ADD COLUMN commit_before INTEGER;
)sql";

// Groups of users: a profile assigned to a group reaches its members (FP-1). Members are
// users; deleting a user or a group removes the membership. And each user's language (D14)
// and badge (a hash of its card number, for release stations).
constexpr std::string_view kUserGroups = R"sql(
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN card_hash TEXT;
CREATE UNIQUE INDEX users_by_card ON users (card_hash);

CREATE TABLE user_groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE user_group_members (
  group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX user_group_members_by_user ON user_group_members (user_id);
)sql";

// Directory sync (src/directory): where an account comes from (empty = local) and its
// entry's DN; disabled accounts (gone from the directory, or disabled by an administrator)
// keep their jobs and ledger but cannot authenticate; a sync enables again only those it
// disabled itself. Groups too have a source, and the
// credit a new directory account starts with.
constexpr std::string_view kDirectorySync = R"sql(
ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN directory_dn TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_by_directory INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_by_source ON users (source);
ALTER TABLE user_groups ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE user_groups ADD COLUMN initial_credit_cents INTEGER NOT NULL DEFAULT 0
  CHECK (initial_credit_cents >= 0);
)sql";

// Held jobs expire per queue (model::PrintQueue::hold_expiry_seconds; NULL: the server's
// setting, 0: never).
constexpr std::string_view kQueueHoldExpiry = R"sql(
ALTER TABLE queues ADD COLUMN hold_expiry_seconds INTEGER CHECK (hold_expiry_seconds >= 0);
)sql";

// A quota per group of users (model::User::group_quota): its members without a quota of their
// own are held to it, each counting their own usage in users.quota_used_*.
constexpr std::string_view kUserGroupQuota = R"sql(
ALTER TABLE user_groups ADD COLUMN quota_period TEXT CHECK (quota_period IN ('day', 'week', 'month'));
ALTER TABLE user_groups ADD COLUMN quota_page_limit INTEGER
  CHECK (quota_page_limit >= 0);
ALTER TABLE user_groups ADD COLUMN quota_cost_limit_cents INTEGER
  CHECK (quota_cost_limit_cents >= 0);
)sql";

// A queue's operator state (model::QueueControl: IPP Pause-Printer, Disable-Printer), kept
// here so that it outlives a restart and every node sharing the database sees it, and which
// held jobs its pause held (model::Job::held_by_pause), for Resume-Printer to release.
constexpr std::string_view kQueueControl = R"sql(
ALTER TABLE queues ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN accepting INTEGER NOT NULL DEFAULT 1;
ALTER TABLE queues ADD COLUMN control_changed_at INTEGER;
ALTER TABLE jobs ADD COLUMN held_by_pause INTEGER NOT NULL DEFAULT 0;
)sql";

// A small document kept with its job (server/job_spool.h): written in the job's own transaction,
// one sync for both and no file per job; deleted with the job. jobs.unanalysed: acknowledged
// before its analysis (a hold queue's job), until set_job_price stores what the analysis found.
constexpr std::string_view kJobDocuments = R"sql(
CREATE TABLE job_documents (
  job_uuid TEXT PRIMARY KEY REFERENCES jobs(uuid) ON DELETE CASCADE,
  content BLOB NOT NULL
);
ALTER TABLE jobs ADD COLUMN unanalysed INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr std::array<Migration, 14> kMigrations{{
    {1, "initial schema", kInitialSchema},
    {2, "indexes for job listings, reports and ledgers", kJobIndexes},
    {3, "server nodes and the node sending each job", kServerNodes},
    {4, "desktop clients' heartbeat reports", kClientReports},
    {5, "client reports keyed by user and client, counts bounded", kClientReportsPerUser,
     kClientReportsPerUserInPlace},
    {6, "each job's ticket and document format", kJobTicket},
    {7, "printer language, paper sizes and document formats", kPrinterLanguage},
    {8, "two-phase submission and jobs printed twice", kTwoPhaseSubmission},
    {9, "groups of users, each user's language and badge", kUserGroups},
    {10, "directory sources of users and groups, disabled accounts", kDirectorySync},
    {11, "how long each queue holds a job", kQueueHoldExpiry},
    {12, "a quota per group of users", kUserGroupQuota},
    {13, "queues paused or not accepting jobs, and the jobs a pause held", kQueueControl},
    {14, "small documents kept with their jobs, jobs not analysed yet", kJobDocuments},
}};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace printline::store::sql
