// D10, two-phase submission, at the store on every backend (StoreTest's instantiations): a
// desktop client's job recorded awaiting its commit is committed once, expires unprinted,
// gives way to the client's fallback report (charged once), and a job the server printed
// meets that report charged once and flagged printed twice.

#include <gtest/gtest.h>

#include "model/ledger_entry.h"
#include "store_test_support.h"

namespace printline::store::testing {
namespace {

using model::Job;
using model::JobOrigin;
using model::JobState;

// A server copy as the intake records a desktop client's submission, from a printed job.
Job uncommitted_job(Store& store, Job job, model::Timestamp now) {
  job.origin = JobOrigin::kServer;
  job.state = JobState::kHeld;
  job.printed_at.reset();
  job.awaiting_commit = true;
  job.commit_before = now + std::chrono::seconds(5);
  job.outcome = "Waiting for the desktop client that sent it to confirm it.";
  return store.record_job(job).value().job;
}

std::int64_t charges_of(Store& store, const model::User& owner, const std::string& uuid) {
  std::int64_t charges = 0;
  const auto entries = store.ledger_of(owner.id);
  for (const auto& entry : entries.value()) {
    if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++charges;
  }
  return charges;
}

TEST_P(StoreTest, D10_ACommitTakesTheJobOnceAndNothingIsChargedBeforeItPrints) {
  auto erin = make_user("erin", 1000);
  const Job job = uncommitted_job(*store_, printed_job(erin, 80), clock_.now());
  ASSERT_TRUE(job.awaiting_commit);
  EXPECT_EQ(job.commit_before, clock_.now() + std::chrono::seconds(5));
  auto committed = store_->commit_job(job.uuid, JobState::kPending, "Waiting for a printer.", false);
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  ASSERT_TRUE(*committed);
  EXPECT_FALSE((*committed)->awaiting_commit);
  EXPECT_EQ((*committed)->state, JobState::kPending);
  // Again: the job as it is, unchanged.
  auto again = store_->commit_job(job.uuid, JobState::kHeld, "changed?", false);
  ASSERT_TRUE(again.ok() && *again);
  EXPECT_EQ((*again)->state, JobState::kPending);
  EXPECT_EQ((*again)->outcome, "Waiting for a printer.");
  EXPECT_FALSE(store_->commit_job(new_job_uuid(), JobState::kPending, "", false).value());
  EXPECT_EQ(charges_of(*store_, erin, job.uuid), 0);
  // Committed: the expiry leaves it alone.
  EXPECT_TRUE(store_->expire_uncommitted_jobs(clock_.now() + std::chrono::hours(1), "expired")
                  .value()
                  .empty());
}

TEST_P(StoreTest, D10_AJobNeverCommittedExpiresUnprinted_ADeadlineExtendedKeepsItLonger) {
  auto erin = make_user("erin", 1000);
  const Job soon = uncommitted_job(*store_, printed_job(erin, 80), clock_.now());
  const Job later = uncommitted_job(*store_, printed_job(erin, 80), clock_.now());
  ASSERT_TRUE(store_->extend_commit_deadline(later.uuid, clock_.now() + std::chrono::hours(2))
                  .value());
  auto expired =
      store_->expire_uncommitted_jobs(clock_.now() + std::chrono::hours(1), "never confirmed");
  ASSERT_TRUE(expired.ok()) << expired.error().message;
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ((*expired)[0], soon.uuid);
  auto gone = store_->find_job(soon.uuid).value();
  EXPECT_EQ(gone->state, JobState::kCancelled);
  EXPECT_FALSE(gone->awaiting_commit);
  EXPECT_EQ(gone->outcome, "never confirmed");
  EXPECT_FALSE(store_->extend_commit_deadline(soon.uuid, clock_.now()).value());
  // Too late to commit: the job as it is (cancelled) comes back.
  EXPECT_EQ(store_->commit_job(soon.uuid, JobState::kPending, "", false).value()->state,
            JobState::kCancelled);
  EXPECT_EQ(store_->find_job(later.uuid).value()->state, JobState::kHeld);
  EXPECT_EQ(charges_of(*store_, erin, soon.uuid), 0);
}

TEST_P(StoreTest, D10_AFallbackReportReplacesTheServersCopyThatDidNotPrint_ChargedOnce) {
  auto erin = make_user("erin", 1000);
  auto printer = make_printer("fallback-1");
  const Job held = uncommitted_job(*store_, printed_job(erin, 80), clock_.now());
  Job report = printed_job(erin, 120, printer.id);
  report.uuid = held.uuid;
  auto recorded = store_->record_job(report);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_FALSE(recorded->duplicate);
  EXPECT_TRUE(recorded->charged);
  EXPECT_EQ(recorded->job.id, held.id);
  EXPECT_EQ(recorded->job.origin, JobOrigin::kFallback);
  EXPECT_EQ(recorded->job.state, JobState::kPrinted);
  EXPECT_EQ(recorded->job.printer_id, printer.id);
  EXPECT_FALSE(recorded->job.awaiting_commit);
  EXPECT_FALSE(recorded->job.printed_twice());
  // The client's late commit and the same report again change nothing.
  EXPECT_EQ(store_->commit_job(held.uuid, JobState::kPending, "", false).value()->origin,
            JobOrigin::kFallback);
  EXPECT_TRUE(store_->record_job(report).value().duplicate);
  EXPECT_EQ(charges_of(*store_, erin, held.uuid), 1);
  EXPECT_EQ(store_->find_user(erin.id).value()->balance_cents, 880);
}

TEST_P(StoreTest, D10_AJobTheServerPrintedMeetsItsFallbackReport_ChargedOnceFlaggedTwice) {
  auto erin = make_user("erin", 1000);
  auto on_server = make_printer("server-1");
  auto fallback = make_printer("fallback-1");
  const Job job = uncommitted_job(*store_, printed_job(erin, 80), clock_.now());
  ASSERT_TRUE(store_->commit_job(job.uuid, JobState::kPending, "", false).ok());
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPrinted, on_server.id, "printed").ok());
  Job report = printed_job(erin, 120, fallback.id);
  report.uuid = job.uuid;
  auto recorded = store_->record_job(report);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_TRUE(recorded->duplicate);
  EXPECT_FALSE(recorded->charged);
  EXPECT_EQ(recorded->job.origin, JobOrigin::kServer);
  EXPECT_EQ(recorded->job.printer_id, on_server.id);
  EXPECT_EQ(recorded->job.also_printed_on, fallback.id);
  auto stored = store_->find_job(job.uuid).value();
  EXPECT_TRUE(stored->printed_twice());
  EXPECT_EQ(stored->also_printed_on, fallback.id);  // readers word it from the flag
  JobFilter twice;
  twice.printed_twice_only = true;
  auto listed = store_->list_jobs(twice).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].uuid, job.uuid);
  EXPECT_EQ(charges_of(*store_, erin, job.uuid), 1);
  EXPECT_EQ(store_->find_user(erin.id).value()->balance_cents, 920);  // the server's 80
}

}  // namespace
}  // namespace printline::store::testing
