// The durable outbox: records and documents survive a reopen, a crash between spooling and
// committing leaves no job, and the crash rules of the daemon apply on reopen.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include "client/client_daemon.h"
#include "client/outbox_store.h"
#include "core/job_uuid.h"
#include "support/loopback_port.h"
#include "support/temp_dir.h"
#include "transport/document_source.h"

namespace printline::client {
namespace {

using testing::TempDir;

OutboxJob new_job(const std::string& title = "report.pdf") {
  OutboxJob job;
  job.uuid = new_job_uuid();
  job.title = title;
  job.document_format = "application/pdf";
  job.submitted_by = "test";
  return job;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(OutboxStore, AddSpoolsTheDocumentAndCommitsTheRecord) {
  TempDir dir;
  auto outbox = OutboxStore::open(dir.path());
  ASSERT_TRUE(outbox.ok()) << outbox.error().message;
  auto document = transport::document_from_string("%PDF-1.4 pretend");
  auto added = (*outbox)->add(new_job(), *document);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->state, JobState::kReceived);
  EXPECT_EQ(added->size_bytes, 16u);
  EXPECT_EQ(read((*outbox)->spool_path(added->uuid)), "%PDF-1.4 pretend");
  auto found = (*outbox)->find(added->uuid);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "report.pdf");
}

TEST(OutboxStore, EveryFieldSurvivesReopeningAfterACrash) {
  TempDir dir;
  OutboxJob job = new_job();
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok());
    auto document = transport::document_from_string("data");
    auto added = (*outbox)->add(job, *document);
    ASSERT_TRUE(added.ok());
    job = *added;
    job.state = JobState::kPrintedOffline;
    job.printer_id = 7;
    job.printer = "hall-2";
    job.target_uri = "socket://127.0.0.1:9100";
    job.counts = model::PageCounts{3, 1, model::PaperSize::kA3, true, 2};
    job.estimated_cost_cents = 120;
    job.printed_at = model::now_seconds();
    job.may_be_counted_twice = true;
    job.prompt = PendingPrompt::kChoosePrinter;
    job.reason = "printed";
    job.ticket.copies = 2;
    job.ticket.sides = model::Sides::kTwoSidedShortEdge;
    job.ticket.page_ranges = {{2, 4}};
    job.ticket.media.size = "iso_a3_297x420mm";
    ASSERT_TRUE((*outbox)->update(job).ok());
    // No orderly close: the store object is simply dropped, as a killed process would.
  }
  auto reopened = OutboxStore::open(dir.path());
  ASSERT_TRUE(reopened.ok());
  auto found = (*reopened)->find(job.uuid);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->state, JobState::kPrintedOffline);
  EXPECT_EQ(found->printer_id, 7);
  EXPECT_EQ(found->printer, "hall-2");
  ASSERT_TRUE(found->counts);
  EXPECT_EQ(*found->counts, *job.counts);
  EXPECT_EQ(found->estimated_cost_cents, 120);
  EXPECT_EQ(found->printed_at, job.printed_at);
  EXPECT_TRUE(found->may_be_counted_twice);
  EXPECT_EQ(found->prompt, PendingPrompt::kChoosePrinter);
  EXPECT_EQ(found->ticket, job.ticket);
  EXPECT_EQ((*reopened)->fallback_history(), std::vector<std::int64_t>{7});
  EXPECT_EQ((*reopened)->unsynced_spending().cost_cents, 120);
  EXPECT_EQ((*reopened)->unsynced_spending().pages, 6);
}

TEST(OutboxStore, AnOutboxFromBeforeTicketsGetsTheColumnAndDefaultTickets) {
  TempDir dir;
  OutboxJob job = new_job();
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok());
    auto document = transport::document_from_string("data");
    ASSERT_TRUE((*outbox)->add(job, *document).ok());
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir.path() / "outbox.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE jobs DROP COLUMN ticket", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto reopened = OutboxStore::open(dir.path());
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  auto found = (*reopened)->find(job.uuid);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->ticket, model::JobTicket{});
}

TEST(OutboxStore, CrashBetweenSpoolingAndCommit_LeavesNoJobAndNoFile) {
  TempDir dir;
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok());
  }
  // What a kill -9 leaves: a spooled document without record, and a half-written temp file.
  std::ofstream(dir.path() / "spool" / new_job_uuid()) << "orphan";
  std::ofstream(dir.path() / "spool" / ".partial.tmp") << "half";
  auto reopened = OutboxStore::open(dir.path());
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->remove_orphan_documents(), 2);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "spool"));
  EXPECT_TRUE((*reopened)->all().empty());
}

TEST(OutboxStore, FindsAJobByAUniquePrefix) {
  TempDir dir;
  auto outbox = OutboxStore::open(dir.path());
  ASSERT_TRUE(outbox.ok());
  auto document = transport::document_from_string("x");
  auto added = (*outbox)->add(new_job(), *document);
  ASSERT_TRUE(added.ok());
  auto found = (*outbox)->find_by_prefix(added->uuid.substr(0, 8));
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->uuid, added->uuid);
  EXPECT_FALSE((*outbox)->find_by_prefix("zzzz").ok());
}

TEST(OutboxStore, UpdateAllCommitsABatch) {
  TempDir dir;
  auto outbox = OutboxStore::open(dir.path());
  ASSERT_TRUE(outbox.ok());
  std::vector<OutboxJob> jobs;
  for (int i = 0; i < 3; ++i) {
    auto document = transport::document_from_string("x");
    auto added = (*outbox)->add(new_job(), *document);
    ASSERT_TRUE(added.ok());
    added->state = JobState::kAccounted;
    jobs.push_back(*added);
  }
  ASSERT_TRUE((*outbox)->update_all(jobs).ok());
  EXPECT_EQ((*outbox)->in_state(JobState::kAccounted).size(), 3u);
}

// A daemon pointed at a port nothing listens on: recovery needs no server.
ClientConfig offline_config(const std::filesystem::path& state) {
  ClientConfig config;
  config.state_dir = state;
  config.servers = {"http://127.0.0.1:" + std::to_string(testing::pick_free_port())};
  config.connect_timeout = std::chrono::milliseconds(300);
  return config;
}

TEST(CrashRecovery, PrintingOnFallbackWhenKilled_IsNeverResentSilently_TheUserIsAsked) {
  TempDir dir;
  std::string uuid;
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok());
    auto document = transport::document_from_string("x");
    auto added = (*outbox)->add(new_job(), *document);
    ASSERT_TRUE(added.ok());
    added->state = JobState::kPrintingOnFallback;
    added->printer_id = 3;
    added->printer = "hall-2";
    added->fallback_send_started = true;  // bytes may have reached the printer
    ASSERT_TRUE((*outbox)->update(*added).ok());
    uuid = added->uuid;
  }
  auto daemon = ClientDaemon::open(offline_config(dir.path()));
  ASSERT_TRUE(daemon.ok()) << daemon.error().message;
  auto job = (*daemon)->job(uuid);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, JobState::kWaitingForChoice);
  EXPECT_NE(job->reason.find("may have printed"), std::string::npos) << job->reason;
  EXPECT_NE(job->reason.find("hall-2"), std::string::npos);
}

TEST(CrashRecovery, SendingToServerWhenKilled_IsRoutedAgainAndNeverLost) {
  TempDir dir;
  std::string uuid;
  {
    auto outbox = OutboxStore::open(dir.path());
    ASSERT_TRUE(outbox.ok());
    auto document = transport::document_from_string("x");
    auto added = (*outbox)->add(new_job(), *document);
    ASSERT_TRUE(added.ok());
    added->state = JobState::kSendingToServer;
    ASSERT_TRUE((*outbox)->update(*added).ok());
    uuid = added->uuid;
  }
  auto daemon = ClientDaemon::open(offline_config(dir.path()));
  ASSERT_TRUE(daemon.ok());
  (*daemon)->start();
  // D10: the server keeps what was sent uncommitted, so the interrupted job is routed again.
  // Here the server is down and no profile was ever received: the job waits for the server,
  // with the reason saying so (D4), and is neither printed nor dropped (D6).
  std::optional<JobView> job;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  do {
    job = (*daemon)->job(uuid);
    if (job && job->state == JobState::kWaitingForServer) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < deadline);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, JobState::kWaitingForServer) << job->reason;
  EXPECT_NE(job->reason.find("Retry keeps the job"), std::string::npos) << job->reason;
  (*daemon)->stop();
}

}  // namespace
}  // namespace printline::client
