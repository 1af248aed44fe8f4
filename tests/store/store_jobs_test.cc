// Jobs and the ledger: recorded once and charged once per UUID (D6), balance consistency,
// history, listings and reports.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "model/affordability.h"
#include "store_test_support.h"

namespace printline::store::testing {
namespace {

using model::Job;
using model::JobOrigin;
using model::JobState;

TEST_P(StoreTest, RecordingAPrintedJobChargesItOnce) {
  auto erin = make_user("erin", 1000);
  auto printer = make_printer("p1");
  Job job = printed_job(erin, 120, printer.id);

  auto first = store_->record_job(job);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->duplicate);
  EXPECT_TRUE(first->charged);

  for (int i = 0; i < 3; ++i) {
    Job retry = job;
    retry.cost_cents = 999;  // a changed re-upload must not change anything either
    auto again = store_->record_job(retry);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->duplicate);
    EXPECT_FALSE(again->charged);
    EXPECT_EQ(again->job.cost_cents, 120);
    EXPECT_EQ(again->job.id, first->job.id);
  }
  EXPECT_EQ(store_->find_user(erin.id).value()->balance_cents, 880);
  auto ledger = store_->ledger_of(erin.id).value();
  ASSERT_EQ(ledger.size(), 2u);  // top-up, one charge
  EXPECT_EQ(ledger[1].kind, model::LedgerKind::kCharge);
  EXPECT_EQ(ledger[1].origin, JobOrigin::kFallback);
  EXPECT_EQ(ledger[1].job_uuid, job.uuid);
  EXPECT_EQ(ledger_sum(erin.id), 880);
}

TEST_P(StoreTest, AJobKeepsItsTicketAndDocumentFormat) {
  // D11: what the user asked and the document's MIME type come back as they were recorded.
  auto ida = make_user("ida", 1000);
  auto printer = make_printer("p1");
  Job job = printed_job(ida, 40, printer.id);
  job.origin = JobOrigin::kServer;
  job.state = JobState::kPending;
  job.printed_at.reset();
  job.document_format = "application/pdf";
  auto ticket = model::apply_options({}, {{"sides", "two-sided-long-edge"},
                                          {"print-color-mode", "monochrome"},
                                          {"copies", "2"},
                                          {"page-ranges", "1-2,5"},
                                          {"number-up", "2"},
                                          {"media", "A4,tray-2"},
                                          {"orientation-requested", "landscape"},
                                          {"finishings", "staple"}});
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  job.ticket = *ticket;
  ASSERT_TRUE(store_->record_job(job).ok());

  auto found = store_->find_job(job.uuid).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->ticket, job.ticket);
  EXPECT_EQ(found->document_format, "application/pdf");
  // A state change and a re-price keep them.
  ASSERT_TRUE(store_->set_job_price(job.uuid, job.counts, 30).ok());  // keeps the format
  EXPECT_EQ(store_->find_job(job.uuid).value()->document_format, "application/pdf");
  ASSERT_TRUE(store_->set_job_price(job.uuid, job.counts, 30, "application/postscript").ok());
  EXPECT_EQ(store_->find_job(job.uuid).value()->document_format, "application/postscript");
  ASSERT_TRUE(store_->set_job_price(job.uuid, job.counts, 30, "application/pdf").ok());
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPrinted, printer.id, "printed").ok());
  JobFilter mine;
  mine.owner_id = ida.id;
  auto listed = store_->list_jobs(mine).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].ticket, job.ticket);
  EXPECT_EQ(listed[0].document_format, "application/pdf");

  // A job without a ticket reads back the default one.
  Job plain = printed_job(ida, 10, printer.id);
  ASSERT_TRUE(store_->record_job(plain).ok());
  auto plain_found = store_->find_job(plain.uuid).value();
  EXPECT_EQ(plain_found->ticket, model::JobTicket{});
  EXPECT_EQ(plain_found->document_format, "");
}

TEST_P(StoreTest, AJobWithABadTicketOrFormatIsNotRecorded) {
  auto jack = make_user("jack", 1000);
  Job bad_ticket = printed_job(jack, 10);
  bad_ticket.ticket.number_up = 3;
  auto refused = store_->record_job(bad_ticket);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("number-up"), std::string::npos)
      << refused.error().message;
  Job bad_format = printed_job(jack, 10);
  bad_format.document_format = "not a mime type; with spaces";
  EXPECT_FALSE(store_->record_job(bad_format).ok());
  EXPECT_EQ(store_->find_user(jack.id).value()->balance_cents, 1000);
}

TEST_P(StoreTest, AChargeOrTopUpThatWouldWrapTheBalanceIsRefused) {
  // D12: the ledger's arithmetic is checked; a wrapped balance would be 9.2×10^18 cents.
  auto frank = make_user("frank", INT64_MAX);
  EXPECT_FALSE(store_->top_up(frank.id, 1, "", admin_).ok());
  auto grace = make_user("grace");
  Job huge = printed_job(grace, INT64_MAX);
  ASSERT_TRUE(store_->record_job(huge).ok());  // charged: balance -(2^63 - 1)
  Job more = printed_job(grace, 2);
  EXPECT_FALSE(store_->record_job(more).ok());
  EXPECT_EQ(store_->find_user(grace.id).value()->balance_cents, -INT64_MAX);
  EXPECT_EQ(store_->find_user(frank.id).value()->balance_cents, INT64_MAX);
}

TEST_P(StoreTest, ServerJobIsChargedWhenItPrintsAndOnlyOnce) {
  auto fay = make_user("fay", 500);
  auto printer = make_printer("p1");
  Job job = printed_job(fay, 200);
  job.origin = JobOrigin::kServer;
  job.state = JobState::kPending;
  job.printed_at.reset();
  ASSERT_FALSE(store_->record_job(job)->charged);
  EXPECT_EQ(store_->find_user(fay.id).value()->balance_cents, 500);

  auto printed = store_->set_job_state(job.uuid, JobState::kPrinted, printer.id, "printed");
  ASSERT_TRUE(printed.ok()) << printed.error().message;
  EXPECT_TRUE(printed->printed_at.has_value());
  EXPECT_EQ(store_->find_user(fay.id).value()->balance_cents, 300);
  // The transport reports twice; the second report changes nothing.
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPrinted, printer.id, "printed").ok());
  EXPECT_EQ(store_->find_user(fay.id).value()->balance_cents, 300);
  EXPECT_FALSE(store_->set_job_state(job.uuid, JobState::kCancelled, std::nullopt, "").ok());
  EXPECT_FALSE(store_->set_job_state("no-such-job", JobState::kPrinted, std::nullopt, "").ok());
}

// Two server processes on one database may both have a pending job queued: exactly one claim
// wins, also when they race.
TEST_P(StoreTest, APendingJobIsClaimedForPrintingOnceOnly) {
  auto gus = make_user("gus", 500);
  Job job = printed_job(gus, 100);
  job.origin = JobOrigin::kServer;
  job.state = JobState::kPending;
  job.printed_at.reset();
  ASSERT_TRUE(store_->record_job(job).ok());

  std::atomic<int> won{0};
  std::vector<std::thread> servers;
  for (int i = 0; i < 4; ++i) {
    servers.emplace_back([&] {
      auto claimed = store_->claim_pending_job(job.uuid, "Sending to the printer.", "node-a");
      if (claimed.ok() && *claimed) ++won;
    });
  }
  for (auto& server : servers) server.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(store_->find_job(job.uuid).value()->state, JobState::kPrinting);
  EXPECT_FALSE(*store_->claim_pending_job(job.uuid, "", "node-a"));
  EXPECT_FALSE(*store_->claim_pending_job("no-such-job", "", "node-a"));
}

// Holding a pending job races with another server claiming it: one of them wins, and a job
// being printed is never marked held (releasing it would print it again).
TEST_P(StoreTest, APendingJobIsEitherHeldOrClaimedNeverBoth) {
  auto ida = make_user("ida", 500);
  auto other = open_another();  // the claiming server, on its own connection
  for (int round = 0; round < 20; ++round) {
    Job job = printed_job(ida, 10);
    job.origin = JobOrigin::kServer;
    job.state = JobState::kPending;
    job.printed_at.reset();
    ASSERT_TRUE(store_->record_job(job).ok());
    std::atomic<int> held{0}, claimed{0};
    std::thread holder([&] {
      auto done = store_->hold_pending_job(job.uuid, "Held by an administrator.", false);
      if (done.ok() && *done) ++held;
    });
    std::thread printer([&] {
      auto done = other->claim_pending_job(job.uuid, "Sending to the printer.", "node-b");
      if (done.ok() && *done) ++claimed;
    });
    holder.join();
    printer.join();
    EXPECT_EQ(held + claimed, 1);
    const auto state = store_->find_job(job.uuid).value()->state;
    EXPECT_EQ(state, held ? JobState::kHeld : JobState::kPrinting);
  }
  EXPECT_FALSE(*store_->hold_pending_job("no-such-job", "reason", false));
}

// held_by_pause names the jobs a queue's pause still holds: set by the hold, cleared by any
// other move of the job, so resuming the queue never releases a job held for another reason.
TEST_P(StoreTest, OnlyAJobStillHeldByAPauseIsMarkedSo) {
  auto ida = make_user("ida", 500);
  Job job = printed_job(ida, 10);
  job.origin = JobOrigin::kServer;
  job.state = JobState::kPending;
  job.printed_at.reset();
  ASSERT_TRUE(store_->record_job(job).ok());
  ASSERT_TRUE(*store_->hold_pending_job(job.uuid, "Paused.", true));
  EXPECT_TRUE(store_->find_job(job.uuid).value()->held_by_pause);
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPending, std::nullopt, "Released.").ok());
  EXPECT_FALSE(store_->find_job(job.uuid).value()->held_by_pause);
  ASSERT_TRUE(*store_->hold_pending_job(job.uuid, "Held by its owner.", false));
  EXPECT_FALSE(store_->find_job(job.uuid).value()->held_by_pause);
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPending, std::nullopt, "Released.").ok());
  ASSERT_TRUE(*store_->hold_pending_job(job.uuid, "Paused.", true));
  ASSERT_TRUE(store_->set_job_state(job.uuid, JobState::kPending, std::nullopt, "Released.").ok());
  ASSERT_TRUE(*store_->claim_pending_job(job.uuid, "Sending.", "node-a"));
  EXPECT_FALSE(store_->find_job(job.uuid).value()->held_by_pause);

  Job held = printed_job(ida, 10);  // recorded held by a paused queue
  held.origin = JobOrigin::kServer;
  held.state = JobState::kHeld;
  held.printed_at.reset();
  held.held_by_pause = true;
  ASSERT_TRUE(store_->record_job(held).ok());
  EXPECT_TRUE(store_->find_job(held.uuid).value()->held_by_pause);
}

// Server nodes sharing a database: a restarting node holds what its previous run left
// printing and what stopped nodes left printing, never what a live node is sending.
TEST_P(StoreTest, OnlyJobsOfStoppedNodesAreHeldAsInterrupted) {
  auto hal = make_user("hal", 5000);
  auto sending_by = [&](const std::string& node) {
    Job job = printed_job(hal, 10);
    job.origin = JobOrigin::kServer;
    job.state = JobState::kPending;
    job.printed_at.reset();
    EXPECT_TRUE(store_->record_job(job).ok());
    EXPECT_TRUE(*store_->claim_pending_job(job.uuid, "Sending to the printer.", node));
    return job.uuid;
  };
  auto other = open_another();  // node b runs on its own connection, as a second process
  ASSERT_TRUE(store_->record_node_alive("a").ok());
  ASSERT_TRUE(other->record_node_alive("b").ok());
  ASSERT_TRUE(other->record_node_alive("c").ok());
  const auto of_a = sending_by("a");
  const auto of_b = sending_by("b");
  const auto of_c = sending_by("c");

  clock_.advance(std::chrono::seconds(20));
  ASSERT_TRUE(other->record_node_alive("b").ok());  // b stays alive, c falls silent
  clock_.advance(std::chrono::seconds(20));
  // a restarts: its own job and silent c's are held; live b's is left to b.
  auto abandoned =
      store_->hold_abandoned_jobs("a", clock_.now() - std::chrono::seconds(30), "interrupted");
  ASSERT_TRUE(abandoned.ok()) << abandoned.error().message;
  std::sort(abandoned->held_uuids.begin(), abandoned->held_uuids.end());
  std::vector<std::string> expected{of_a, of_c};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(abandoned->held_uuids, expected);
  EXPECT_EQ(abandoned->dead_nodes, 2);  // a's old mark and c: both older than 30 s
  EXPECT_EQ(store_->find_job(of_a).value()->state, JobState::kHeld);
  EXPECT_EQ(store_->find_job(of_a).value()->outcome, "interrupted");
  EXPECT_EQ(store_->find_job(of_b).value()->state, JobState::kPrinting);
  EXPECT_EQ(store_->find_job(of_c).value()->state, JobState::kHeld);

  // Sweeping again finds nothing new; once b falls silent too, its job is held.
  auto again = store_->hold_abandoned_jobs("", clock_.now() - std::chrono::seconds(30), "x");
  EXPECT_TRUE(again->held_uuids.empty());
  EXPECT_EQ(again->dead_nodes, 0);
  clock_.advance(std::chrono::seconds(31));
  auto later = store_->hold_abandoned_jobs("", clock_.now() - std::chrono::seconds(30), "x");
  EXPECT_EQ(later->held_uuids, std::vector<std::string>{of_b});
  EXPECT_EQ(later->dead_nodes, 1);
}

TEST_P(StoreTest, ConcurrentUploadsOfTheSameJobsChargeEachOnce) {
  auto gus = make_user("gus", 100000);
  auto printer = make_printer("p1");
  std::vector<Job> jobs;
  for (int i = 0; i < 25; ++i) jobs.push_back(printed_job(gus, 10 + i, printer.id));
  std::int64_t total = 0;
  for (const auto& j : jobs) total += j.cost_cents;

  // Two stores on one database, as two server processes would be, four threads each.
  auto other = open_another();
  ASSERT_NE(other, nullptr);
  std::atomic<int> fresh{0};
  std::atomic<int> failures{0};
  std::mutex error_mutex;
  std::string first_error;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    Store* store = t % 2 == 0 ? store_.get() : other.get();
    threads.emplace_back([&, store, t] {
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& job = jobs[(i + t * 3) % jobs.size()];
        auto r = store->record_job(job);
        if (!r.ok()) {
          ++failures;
          std::lock_guard lock(error_mutex);
          if (first_error.empty()) first_error = r.error().message;
        } else if (!r->duplicate) {
          ++fresh;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0) << first_error;
  EXPECT_EQ(fresh.load(), 25);
  EXPECT_EQ(store_->find_user(gus.id).value()->balance_cents, 100000 - total);
  EXPECT_EQ(ledger_sum(gus.id), 100000 - total);
  EXPECT_EQ(store_->ledger_of(gus.id)->size(), 26u);
  EXPECT_EQ(store_->printer_history(gus.id).value().at(0).jobs, 25);
}

TEST_P(StoreTest, UploadBatchAnswersPerJob) {
  auto hal = make_user("hal", 1000);
  Job good = printed_job(hal, 100);
  Job bad = printed_job(hal, 100);
  bad.printer_id = 424242;  // unknown printer
  Job malformed = printed_job(hal, 100);
  malformed.uuid = "not-a-uuid";
  // Refused by the database itself (no such queue): the jobs after it are still written.
  Job orphan = printed_job(hal, 100);
  orphan.queue_id = 424242;
  Job later = printed_job(hal, 50);
  std::vector<Job> batch{good, bad, malformed, orphan, later, good};
  auto results = store_->record_jobs(batch);
  ASSERT_TRUE(results.ok()) << results.error().message;
  ASSERT_EQ(results->size(), 6u);
  EXPECT_TRUE((*results)[0].ok() && !(*results)[0]->duplicate);
  EXPECT_FALSE((*results)[1].ok());
  EXPECT_NE((*results)[1].error().message.find("424242"), std::string::npos);
  EXPECT_FALSE((*results)[2].ok());
  ASSERT_FALSE((*results)[3].ok());
  EXPECT_NE((*results)[3].error().message.find("does not exist"), std::string::npos)
      << (*results)[3].error().message;
  EXPECT_TRUE((*results)[4].ok()) << (*results)[4].error().message;
  EXPECT_TRUE((*results)[5].ok() && (*results)[5]->duplicate);
  EXPECT_EQ(store_->find_user(hal.id).value()->balance_cents, 850);
  EXPECT_FALSE(store_->find_job(bad.uuid).value());
  // The whole batch again charges nothing.
  ASSERT_TRUE(store_->record_jobs(batch).ok());
  EXPECT_EQ(store_->find_user(hal.id).value()->balance_cents, 850);
}

// Intake's records (server/job_spool.h): a small document is written with its job, bytes as
// they are (every byte value, NUL included), and the job waits for its analysis until its price
// is stored.
TEST_P(StoreTest, KeepsASubmittedJobsDocumentWithItAndItsAnalysisFlag) {
  auto ivy = make_user("ivy", 500);
  std::string document;
  for (int i = 0; i < 3 * 256; ++i) document.push_back(static_cast<char>(i % 256));
  Job held;
  held.uuid = new_job_uuid();
  held.owner_id = ivy.id;
  held.state = JobState::kHeld;
  held.title = "scan.pdf";
  held.submitted_at = clock_.now();
  held.unanalysed = true;
  Job orphan = held;  // refused by the database (no such queue): nothing of it is kept
  orphan.uuid = new_job_uuid();
  orphan.queue_id = 424242;
  const std::vector<SubmittedJob> batch{{held, document}, {orphan, document}};
  auto results = store_->record_submitted_jobs(batch);
  ASSERT_TRUE(results.ok()) << results.error().message;
  ASSERT_TRUE((*results)[0].ok()) << (*results)[0].error().message;
  EXPECT_FALSE((*results)[1].ok());

  EXPECT_EQ(store_->job_document(held.uuid).value(), document);
  EXPECT_FALSE(store_->job_document(orphan.uuid).value());
  EXPECT_TRUE(store_->find_job(held.uuid).value()->unanalysed);
  EXPECT_EQ(store_->unanalysed_jobs().value(), std::vector<std::string>{held.uuid});
  EXPECT_EQ(store_->held_document_bytes(ivy.id).value(), document.size());
  EXPECT_EQ(store_->jobs_with_documents().value(), std::vector<std::string>{held.uuid});

  // The same UUID again (D6) keeps the document stored first.
  const std::vector<SubmittedJob> again{{held, "another document"}};
  auto repeated = store_->record_submitted_jobs(again);
  ASSERT_TRUE(repeated.ok() && (*repeated)[0].ok() && (*repeated)[0]->duplicate);
  EXPECT_EQ(store_->job_document(held.uuid).value(), document);

  // Storing what the analysis found ends the wait; an older version's mark brings it back.
  ASSERT_TRUE(store_->set_job_price(held.uuid, {1, 0, model::PaperSize::kA4, false, 1}, 10,
                                    "application/pdf")
                  .ok());
  EXPECT_FALSE(store_->find_job(held.uuid).value()->unanalysed);
  EXPECT_TRUE(store_->unanalysed_jobs().value().empty());
  ASSERT_TRUE(store_->mark_unanalysed(held.uuid).ok());
  EXPECT_EQ(store_->unanalysed_jobs().value(), std::vector<std::string>{held.uuid});

  ASSERT_TRUE(store_->remove_job_document(held.uuid).ok());
  EXPECT_FALSE(store_->job_document(held.uuid).value());
  EXPECT_EQ(store_->held_document_bytes(ivy.id).value(), 0u);
  EXPECT_TRUE(store_->jobs_with_documents().value().empty());
}

TEST_P(StoreTest, RefundOnceAndTopUpsKeepTheBalanceEqualToTheLedger) {
  auto ida = make_user("ida", 300);
  Job job = printed_job(ida, 120);
  ASSERT_TRUE(store_->record_job(job).ok());
  auto refund = store_->refund_job(job.uuid, "paper jam", admin_);
  ASSERT_TRUE(refund.ok()) << refund.error().message;
  EXPECT_EQ(refund->amount_cents, 120);
  EXPECT_EQ(refund->balance_after_cents, 300);
  auto twice = store_->refund_job(job.uuid, "again", admin_);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("already been refunded"), std::string::npos);
  EXPECT_FALSE(store_->refund_job(new_job_uuid(), "", admin_).ok());
  EXPECT_FALSE(store_->top_up(ida.id, -5, "", admin_).ok());
  ASSERT_TRUE(store_->top_up(ida.id, 50, "cash", admin_).ok());
  EXPECT_EQ(store_->find_user(ida.id).value()->balance_cents, 350);
  EXPECT_EQ(ledger_sum(ida.id), 350);
}

TEST_P(StoreTest, ChargesCountAgainstTheQuotaOfTheCurrentPeriod) {
  model::User u;
  u.login = "jan";
  u.quota = model::Quota{};
  u.quota->period = model::QuotaPeriod::kDay;
  u.quota->page_limit = 100;
  auto jan = store_->create_user(u, "pw", admin_).value();
  ASSERT_TRUE(store_->record_job(printed_job(jan, 10)).ok());  // 3 pages × 2 copies
  auto after = store_->find_user(jan.id).value();
  EXPECT_EQ(after->quota->used_pages, 6);
  EXPECT_EQ(after->quota->used_cost_cents, 10);
  clock_.advance(std::chrono::hours(24));
  ASSERT_TRUE(store_->record_job(printed_job(jan, 10)).ok());
  EXPECT_EQ(store_->find_user(jan.id).value()->quota->used_pages, 6);  // a new day
}

// A group's quota holds its members who have none of their own, the smallest group first;
// each member counts their own usage, which stays when an administrator moves them between
// their group's quota and one of their own.
TEST_P(StoreTest, MembersWithoutAQuotaOfTheirOwnAreHeldToTheirGroups) {
  auto ana = make_user("ana", 10000);
  auto ben = make_user("ben", 10000);
  auto cy = make_user("cy", 10000);
  const auto quota = [](model::QuotaPeriod period, std::int64_t pages) {
    model::Quota q;
    q.period = period;
    q.page_limit = pages;
    return q;
  };
  auto staff = store_->create_user_group(
      {0, "staff", "", {ana.id, ben.id, cy.id}, "", 0, quota(model::QuotaPeriod::kMonth, 1000)},
      admin_);
  ASSERT_TRUE(staff.ok()) << staff.error().message;
  EXPECT_EQ(staff->quota->page_limit, 1000);
  auto interns = store_->create_user_group(
      {0, "interns", "", {ana.id}, "", 0, quota(model::QuotaPeriod::kDay, 10)}, admin_);
  ASSERT_TRUE(interns.ok()) << interns.error().message;
  cy.quota = quota(model::QuotaPeriod::kWeek, 50);
  ASSERT_TRUE(store_->update_user(cy, admin_).ok());

  auto found = store_->find_user(ana.id).value();
  EXPECT_FALSE(found->quota);
  EXPECT_EQ(found->quota_group, "interns");  // the smaller group
  EXPECT_EQ(found->effective_quota()->page_limit, 10);
  EXPECT_EQ(store_->find_user_by_login("ben").value()->quota_group, "staff");
  EXPECT_EQ(store_->find_user(cy.id).value()->effective_quota()->period, model::QuotaPeriod::kWeek);

  ASSERT_TRUE(store_->record_job(printed_job(ana, 10)).ok());  // 6 pages
  found = store_->find_user(ana.id).value();
  EXPECT_EQ(found->effective_quota()->used_pages, 6);
  EXPECT_EQ(store_->find_user(ben.id).value()->effective_quota()->used_pages, 0);
  const auto refused = model::can_afford(*found, 0, 5, clock_.now());
  EXPECT_FALSE(refused.allowed);
  EXPECT_NE(refused.reason.find("4 left today"), std::string::npos) << refused.reason;
  EXPECT_TRUE(model::can_afford(*store_->find_user(ben.id).value(), 0, 5, clock_.now()).allowed);
  const auto listed = store_->list_users().value();  // ana, ben, cy
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].effective_quota()->used_pages, 6);
  EXPECT_EQ(listed[0].quota_group, "interns");
  EXPECT_EQ(listed[1].quota_group, "staff");
  EXPECT_EQ(listed[2].effective_quota()->page_limit, 50);  // cy's own

  // Her own quota of the same period keeps the day's usage, and so does going back.
  found->quota = quota(model::QuotaPeriod::kDay, 20);
  auto own = store_->update_user(*found, admin_);
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(own->quota->used_pages, 6);
  own->quota.reset();
  auto back = store_->update_user(*own, admin_);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_FALSE(back->quota);
  EXPECT_EQ(back->effective_quota()->used_pages, 6);

  // A group without a quota holds nobody: the next group's applies.
  interns->quota.reset();
  ASSERT_TRUE(store_->update_user_group(*interns, admin_).ok());
  EXPECT_EQ(store_->find_user(ana.id).value()->quota_group, "staff");
  EXPECT_FALSE(store_->find_user_group(interns->id).value()->quota);
  auto negative = *interns;
  negative.quota = quota(model::QuotaPeriod::kDay, -1);
  EXPECT_FALSE(store_->update_user_group(negative, admin_).ok());
}

TEST_P(StoreTest, ListingFiltersAndReports) {
  auto kim = make_user("kim", 10000);
  auto lea = make_user("lea", 10000);
  auto p1 = make_printer("p1");
  auto p2 = make_printer("p2");
  ASSERT_TRUE(store_->record_job(printed_job(kim, 100, p1.id)).ok());
  clock_.advance(std::chrono::hours(24));
  Job server = printed_job(kim, 50, p2.id);
  server.origin = JobOrigin::kServer;
  server.counts.duplex = true;  // its 6 pages are two-sided (D11)
  ASSERT_TRUE(store_->record_job(server).ok());
  ASSERT_TRUE(store_->record_job(printed_job(lea, 30, p2.id)).ok());
  Job held = printed_job(lea, 70, std::nullopt);
  held.state = JobState::kHeld;
  ASSERT_TRUE(store_->record_job(held).ok());

  JobFilter by_kim;
  by_kim.owner_id = kim.id;
  EXPECT_EQ(store_->list_jobs(by_kim)->size(), 2u);
  JobFilter fallback_on_p2;
  fallback_on_p2.origin = JobOrigin::kFallback;
  fallback_on_p2.printer_id = p2.id;
  EXPECT_EQ(store_->list_jobs(fallback_on_p2)->size(), 1u);
  JobFilter held_only;
  held_only.state = JobState::kHeld;
  EXPECT_EQ(store_->list_jobs(held_only)->at(0).uuid, held.uuid);
  JobFilter today;
  today.from = clock_.now() - std::chrono::hours(1);
  EXPECT_EQ(store_->list_jobs(today)->size(), 3u);
  JobFilter everything;
  auto all = store_->list_jobs(everything).value();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all.back().owner_id, kim.id);  // newest first

  auto per_user = store_->report(ReportGrouping::kUser, {}).value();
  ASSERT_EQ(per_user.size(), 2u);
  EXPECT_EQ(per_user[0], (ReportRow{"kim", 2, 12, 4, 150, 6}));
  EXPECT_EQ(per_user[1], (ReportRow{"lea", 1, 6, 2, 30}));  // the held job is not accounted
  auto per_printer = store_->report(ReportGrouping::kPrinter, {}).value();
  ASSERT_EQ(per_printer.size(), 2u);
  EXPECT_EQ(per_printer[1].key, "p2");
  EXPECT_EQ(per_printer[1].cost_cents, 80);
  auto per_day = store_->report(ReportGrouping::kDay, {}).value();
  ASSERT_EQ(per_day.size(), 2u);
  EXPECT_EQ(per_day[0].key, "2026-11-24");
  EXPECT_EQ(per_day[1].key, "2026-11-25");
  auto per_month = store_->report(ReportGrouping::kMonth, {}).value();
  ASSERT_EQ(per_month.size(), 1u);
  EXPECT_EQ(per_month[0].jobs, 3);
  EXPECT_EQ(store_->report(ReportGrouping::kWeek, {}).value().at(0).key, "2026-W47");

  // Per group of users: kim is in two groups and counts in both; lea in none.
  for (const char* name : {"finance", "staff"}) {
    model::UserGroup group;
    group.name = name;
    group.member_ids = {kim.id};
    ASSERT_TRUE(store_->create_user_group(group, admin_).ok());
  }
  auto per_group = store_->report(ReportGrouping::kUserGroup, {}).value();
  // Sorted by the database's collation, which may or may not skip the parenthesis.
  std::sort(per_group.begin(), per_group.end(),
            [](const ReportRow& a, const ReportRow& b) { return a.key < b.key; });
  ASSERT_EQ(per_group.size(), 3u);
  EXPECT_EQ(per_group[0], (ReportRow{"(no group)", 1, 6, 2, 30}));
  EXPECT_EQ(per_group[1], (ReportRow{"finance", 2, 12, 4, 150, 6}));
  EXPECT_EQ(per_group[2], (ReportRow{"staff", 2, 12, 4, 150, 6}));
  JobFilter of_kim;
  of_kim.owner_id = kim.id;
  EXPECT_EQ(store_->report(ReportGrouping::kUserGroup, of_kim)->size(), 2u);

  auto history = store_->printer_history(kim.id).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].printer_id, p2.id);  // most recent first
}

TEST_P(StoreTest, JobsOfUnknownOwnersAreRefused) {
  model::User ghost;
  ghost.id = 777;
  auto r = store_->record_job(printed_job(ghost, 10));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("777"), std::string::npos);
}

}  // namespace
}  // namespace printline::store::testing
