// Held jobs expire per queue (queues.hold_expiry_seconds, else the server's time; 0 never):
// the owner's list of what expires when, and the sweep that cancels them unprinted and
// uncharged, leaving a job released meanwhile alone.

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace printline::store::testing {
namespace {

using model::Job;
using model::JobState;
using std::chrono::seconds;

constexpr std::int64_t kServerHold = 8 * 3600;

model::PrintQueue make_hold_queue(Store& store, const std::string& name,
                                  std::optional<std::int64_t> hold) {
  model::PrintQueue queue;
  queue.name = name;
  queue.kind = model::QueueKind::kHold;
  queue.hold_expiry_seconds = hold;
  return store.create_queue(queue, Actor{"admin"}).value();
}

// `job` (a fallback job as the fixture makes it) held on `queue` as a server job.
Job record_held(Store& store, Job job, const std::string& title,
                std::optional<std::int64_t> queue) {
  job.origin = model::JobOrigin::kServer;
  job.state = JobState::kHeld;
  job.printed_at.reset();
  job.title = title;
  job.queue_id = queue;
  EXPECT_TRUE(store.record_job(job).ok());
  return job;
}

std::string outcome(std::int64_t hold_seconds) {
  return "expired after " + std::to_string(hold_seconds) + " s";
}

TEST_P(StoreTest, EachQueueKeepsItsHeldJobsForItsOwnTime) {
  auto ada = make_user("ada", 1000);
  auto brief = make_hold_queue(*store_, "brief", 600);
  auto forever = make_hold_queue(*store_, "forever", 0);
  auto usual = make_hold_queue(*store_, "usual", std::nullopt);
  EXPECT_EQ(store_->find_queue_by_name("brief").value()->hold_expiry_seconds, 600);
  EXPECT_EQ(store_->find_queue_by_name("usual").value()->hold_expiry_seconds, std::nullopt);

  const auto start = clock_.now();
  auto on_brief = record_held(*store_, printed_job(ada, 30), "brief.pdf", brief.id);
  auto on_forever = record_held(*store_, printed_job(ada, 30), "forever.pdf", forever.id);
  auto on_usual = record_held(*store_, printed_job(ada, 30), "usual.pdf", usual.id);
  auto without_queue = record_held(*store_, printed_job(ada, 30), "loose.pdf", std::nullopt);

  // The owner's list: soonest first, the queue that never expires left out.
  auto expiries = store_->held_job_expiries(ada.id, kServerHold).value();
  ASSERT_EQ(expiries.size(), 3u);
  EXPECT_EQ(expiries[0].uuid, on_brief.uuid);
  EXPECT_EQ(expiries[0].queue, "brief");
  EXPECT_EQ(expiries[0].title, "brief.pdf");
  EXPECT_EQ(expiries[0].hold_seconds, 600);
  EXPECT_EQ(expiries[0].expires_at, start + seconds(600));
  for (const auto& later : {expiries[1], expiries[2]}) {
    EXPECT_EQ(later.hold_seconds, kServerHold);
    EXPECT_EQ(later.expires_at, start + seconds(kServerHold));
  }
  EXPECT_EQ(expiries[1].uuid, on_usual.uuid);  // same end: in the order they came
  EXPECT_EQ(expiries[2].uuid, without_queue.uuid);
  EXPECT_EQ(expiries[2].queue, "");

  // One second before the brief queue's end nothing expires; at its end that job does.
  EXPECT_TRUE(store_->expire_held_jobs(start + seconds(599), kServerHold, outcome)->empty());
  auto expired = store_->expire_held_jobs(start + seconds(600), kServerHold, outcome).value();
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].uuid, on_brief.uuid);
  auto cancelled = store_->find_job(on_brief.uuid).value();
  EXPECT_EQ(cancelled->state, JobState::kCancelled);
  EXPECT_EQ(cancelled->outcome, "expired after 600 s");

  // The server's time for the usual queue and the job without a queue; never for "forever".
  expired =
      store_->expire_held_jobs(start + seconds(kServerHold * 100), kServerHold, outcome).value();
  ASSERT_EQ(expired.size(), 2u);
  EXPECT_EQ(store_->find_job(on_usual.uuid).value()->state, JobState::kCancelled);
  EXPECT_EQ(store_->find_job(without_queue.uuid).value()->state, JobState::kCancelled);
  EXPECT_EQ(store_->find_job(on_forever.uuid).value()->state, JobState::kHeld);
  EXPECT_TRUE(store_->held_job_expiries(ada.id, kServerHold)->empty());

  // Expired costs nothing: the top-up is the whole ledger.
  EXPECT_EQ(ledger_sum(ada.id), 1000);
}

TEST_P(StoreTest, AServerHoldTimeOfZeroKeepsJobsOfQueuesWithoutTheirOwn) {
  auto bo = make_user("bo");
  auto usual = make_hold_queue(*store_, "usual", std::nullopt);
  auto brief = make_hold_queue(*store_, "brief", 60);
  auto kept = record_held(*store_, printed_job(bo, 30), "kept.pdf", usual.id);
  auto gone = record_held(*store_, printed_job(bo, 30), "gone.pdf", brief.id);
  auto expired =
      store_->expire_held_jobs(clock_.now() + seconds(10 * 366 * 24 * 3600LL), 0, outcome).value();
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].uuid, gone.uuid);
  EXPECT_EQ(store_->find_job(kept.uuid).value()->state, JobState::kHeld);
}

TEST_P(StoreTest, AReleasedHeldJobIsNotExpiredAndOtherOwnersJobsAreNotListed) {
  auto cy = make_user("cy");
  auto dee = make_user("dee");
  auto brief = make_hold_queue(*store_, "brief", 60);
  auto released = record_held(*store_, printed_job(cy, 30), "released.pdf", brief.id);
  record_held(*store_, printed_job(dee, 30), "dees.pdf", brief.id);
  EXPECT_EQ(store_->held_job_expiries(cy.id, kServerHold)->size(), 1u);
  ASSERT_TRUE(store_->set_job_state(released.uuid, JobState::kPending, std::nullopt, "").ok());
  EXPECT_TRUE(store_->held_job_expiries(cy.id, kServerHold)->empty());
  auto expired = store_->expire_held_jobs(clock_.now() + seconds(61), kServerHold, outcome).value();
  ASSERT_EQ(expired.size(), 1u);  // dee's only
  EXPECT_EQ(store_->find_job(released.uuid).value()->state, JobState::kPending);
}

TEST_P(StoreTest, AQueueHoldTimeIsBounded) {
  model::PrintQueue queue;
  queue.name = "odd";
  queue.kind = model::QueueKind::kHold;
  queue.hold_expiry_seconds = -1;
  EXPECT_FALSE(store_->create_queue(queue, admin_).ok());
  queue.hold_expiry_seconds = model::kMaxHoldExpirySeconds + 1;
  EXPECT_FALSE(store_->create_queue(queue, admin_).ok());
  queue.hold_expiry_seconds = model::kMaxHoldExpirySeconds;
  EXPECT_TRUE(store_->create_queue(queue, admin_).ok());
}

}  // namespace

}  // namespace printline::store::testing
