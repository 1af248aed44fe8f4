// The job pipeline: direct printing, failover, credit holds, release, cancel, idempotent UUIDs
// and the restart rule, against SQLite and real RAW peers (socat) or the printer simulator.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "analysis/analyze.h"
#include "core/job_uuid.h"
#include "job_test_fixture.h"
#include "server/job_spool.h"
#include "support/must.h"
#include "support/printer_simulator.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"
#include "transport/document_source.h"

namespace printline::testing {
namespace {

using model::JobState;

class JobServiceTest : public ::testing::Test {
 protected:
  JobFixture fixture;

  bool marked_unanalysed(const std::string& uuid) {
    auto job = fixture.store().find_job(uuid);
    return job.ok() && *job && (*job)->unanalysed &&
           ((*job)->state == JobState::kHeld || (*job)->state == JobState::kPending);
  }

  // The job's document is still kept, in the database or in its file.
  bool spooled(const std::string& uuid) {
    return server::JobSpool(fixture.config().spool_dir(), fixture.store(),
                            fixture.config().database_document_bytes)
        .open(uuid)
        .ok();
  }

  // The job once the background analyser has priced it (its mark gone), or after the timeout.
  model::Job wait_analysed(const std::string& uuid,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (marked_unanalysed(uuid) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return *must(fixture.store().find_job(uuid));
  }
};

TEST_F(JobServiceTest, DirectQueuePrintsTheDocumentAndChargesOnce) {
  RawSinkPeer sink;
  auto printer = fixture.printer("hall", sink.uri());
  fixture.direct_queue("direct", printer);
  auto alice = fixture.user("alice", 500);

  auto recorded = fixture.submit(alice, "direct");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_FALSE(recorded->duplicate);
  EXPECT_EQ(recorded->job.counts.pages, 1);
  EXPECT_EQ(recorded->job.cost_cents, kMonoA4Cents);  // mono printer: colour priced as mono

  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  EXPECT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.printer_id, printer.id);
  EXPECT_EQ(sink.received(), read_file(kTestPdf));
  EXPECT_EQ(fixture.balance(alice.id), 500 - kMonoA4Cents);
  EXPECT_EQ(fixture.charges(alice.id), 1);
  EXPECT_FALSE(spooled(job.uuid));
}

// D11 on the server's delivery: a printer that cannot do an asked option refuses the job before
// anything is sent — the message names printer and option, nothing printed, nothing charged;
// the job is held, to be released to another printer.
TEST_F(JobServiceTest, AnOptionThePrinterCannotDoIsRefusedNothingPrintedNothingCharged) {
  RawSinkPeer sink;
  auto printer = fixture.printer("floor1-mono", sink.uri());
  printer.paper_sizes = {model::PaperSize::kA4};
  printer = must(fixture.store().update_printer(printer, store::system_actor()));
  fixture.direct_queue("direct", printer);
  auto alice = fixture.user("alice", 500);

  server::JobSubmission submission;
  submission.owner = alice;
  submission.queue_name = "direct";
  submission.title = "poster";
  submission.document_format = "application/pdf";
  submission.ticket.media.size = "iso_a3_297x420mm";
  auto document = must(transport::open_document_file(kTestPdf));
  auto recorded = fixture.jobs().submit(submission, *document);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;

  auto job = fixture.wait_for(recorded->job.uuid, JobState::kHeld);
  EXPECT_EQ(job.state, JobState::kHeld) << job.outcome;
  EXPECT_NE(job.outcome.find("floor1-mono cannot print on A3"), std::string::npos) << job.outcome;
  EXPECT_EQ(sink.received(), "");
  EXPECT_EQ(fixture.balance(alice.id), 500);
  EXPECT_EQ(fixture.charges(alice.id), 0);
}

// D11: a RAW printer set to PCL-XL gets the PJL ticket and mono PCL-XL from the server too.
TEST_F(JobServiceTest, APclXlPrinterGetsThePjlTicketAndMonoPclXl) {
  RawSinkPeer sink;
  auto printer = fixture.printer("floor2-pxl", sink.uri(), /*color=*/true);
  printer.language = model::PrinterLanguage::kPclXl;
  printer = must(fixture.store().update_printer(printer, store::system_actor()));
  fixture.direct_queue("direct", printer);
  auto alice = fixture.user("alice", 500);

  server::JobSubmission submission;
  submission.owner = alice;
  submission.queue_name = "direct";
  submission.title = "report";
  submission.document_format = "application/pdf";
  submission.ticket.color_mode = model::ColorMode::kMonochrome;
  auto document = must(transport::open_document_file(kTestPdf));
  auto recorded = fixture.jobs().submit(submission, *document);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;

  const std::string received = sink.received();
  EXPECT_NE(received.find("@PJL SET RENDERMODE=GRAYSCALE"), std::string::npos);
  EXPECT_NE(received.find("ENTER LANGUAGE = PCLXL"), std::string::npos);
  auto analysed = analysis::analyze_bytes(received);
  ASSERT_TRUE(analysed.ok()) << analysed.error().message;
  EXPECT_EQ(analysed->format, analysis::DocumentFormat::kPclXl);
  EXPECT_EQ(analysed->page_count(), 1);
  EXPECT_EQ(analysed->color_page_count(), 0);
  EXPECT_EQ(fixture.charges(alice.id), 1);
}

TEST_F(JobServiceTest, SameUuidIsOneJobPrintedOnceAndChargedOnce) {
  RawSinkPeer sink;
  fixture.direct_queue("direct", fixture.printer("hall", sink.uri()));
  auto alice = fixture.user("alice", 500);
  const std::string uuid = new_job_uuid();

  // Concurrent submissions of one UUID, then one more after it printed.
  std::vector<std::thread> submitters;
  std::vector<server::JobResult<store::RecordedJob>> results(
      4, server::JobError{server::JobErrorKind::kServerFailure, "not run"});
  for (int i = 0; i < 4; ++i) {
    submitters.emplace_back([&, i] { results[i] = fixture.submit(alice, "direct", uuid); });
  }
  for (auto& submitter : submitters) submitter.join();
  int fresh = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->job.uuid, uuid);
    EXPECT_EQ(result->job.id, results[0]->job.id);
    if (!result->duplicate) ++fresh;
  }
  EXPECT_EQ(fresh, 1);
  fixture.wait_for(uuid, JobState::kPrinted);
  auto again = fixture.submit(alice, "direct", uuid);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->job.state, JobState::kPrinted);

  auto mallory = fixture.user("mallory", 500);
  auto hijack = fixture.submit(mallory, "direct", uuid);
  ASSERT_FALSE(hijack.ok());
  EXPECT_EQ(hijack.error().kind, server::JobErrorKind::kUuidTaken);
  EXPECT_NE(hijack.error().message.find("already used by another job"), std::string::npos);

  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(sink.received(), read_file(kTestPdf));  // one copy
  EXPECT_EQ(fixture.charges(alice.id), 1);
  EXPECT_EQ(fixture.balance(alice.id), 500 - kMonoA4Cents);
}

TEST_F(JobServiceTest, GroupQueueFailsOverToTheNextMember) {
  PrinterSimulator refusing({.fault = SimulatedFault::kRefuse});
  PrinterSimulator rejecting({.fault = SimulatedFault::kIppStatus,
                              .ipp_status = IPP_STATUS_ERROR_NOT_AUTHORIZED,
                              .message = "Jobs from unknown sources are not allowed"});
  RawSinkPeer sink;
  auto down = fixture.printer("down", refusing.uri("socket"));
  auto picky = fixture.printer("picky", rejecting.uri("ipp"));
  auto up = fixture.printer("up", sink.uri());
  fixture.group_queue("floor", {down.id, picky.id, up.id});
  auto alice = fixture.user("alice", 500);

  auto recorded = fixture.submit(alice, "floor");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  EXPECT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.printer_id, up.id);
  EXPECT_EQ(sink.received(), read_file(kTestPdf));
  EXPECT_EQ(fixture.charges(alice.id), 1);
}

TEST_F(JobServiceTest, RefusedByEveryPrinterIsHeldWithTheDevicesReason) {
  PrinterSimulator rejecting({.fault = SimulatedFault::kIppStatus,
                              .ipp_status = IPP_STATUS_ERROR_NOT_AUTHORIZED,
                              .message = "Jobs from unknown sources are not allowed"});
  fixture.direct_queue("picky", fixture.printer("picky", rejecting.uri("ipp")));
  auto alice = fixture.user("alice", 500);
  auto recorded = fixture.submit(alice, "picky");
  ASSERT_TRUE(recorded.ok());
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kHeld);
  EXPECT_EQ(job.state, JobState::kHeld);
  EXPECT_NE(job.outcome.find("picky"), std::string::npos) << job.outcome;
  EXPECT_NE(job.outcome.find("Release the job again"), std::string::npos) << job.outcome;
  EXPECT_EQ(fixture.charges(alice.id), 0);
}

TEST_F(JobServiceTest, NotEnoughCreditHoldsWithAReasonUntilReleased) {
  RawSinkPeer sink;
  auto printer = fixture.printer("hall", sink.uri());
  fixture.direct_queue("direct", printer);
  auto bob = fixture.user("bob", 5);  // the page costs 10

  auto recorded = fixture.submit(bob, "direct");
  ASSERT_TRUE(recorded.ok());
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kHeld);
  ASSERT_EQ(job.state, JobState::kHeld);
  EXPECT_NE(job.outcome.find("Not enough credit"), std::string::npos) << job.outcome;
  EXPECT_NE(job.outcome.find("0.10"), std::string::npos) << job.outcome;
  EXPECT_NE(job.outcome.find("0.05"), std::string::npos) << job.outcome;

  auto refused = fixture.jobs().release(job.uuid, printer.id, bob);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Not enough credit"), std::string::npos);

  ASSERT_TRUE(fixture.store().top_up(bob.id, 100, "test", store::system_actor()).ok());
  auto released = fixture.jobs().release(job.uuid, 0, bob);  // 0: the queue's own printer
  ASSERT_TRUE(released.ok()) << released.error().message;
  job = fixture.wait_for(job.uuid, JobState::kPrinted);
  EXPECT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(fixture.balance(bob.id), 105 - kMonoA4Cents);
  EXPECT_EQ(sink.received(), read_file(kTestPdf));
}

TEST_F(JobServiceTest, HoldQueueKeepsTheJobUntilItsOwnerReleasesIt) {
  RawSinkPeer sink;
  auto printer = fixture.printer("hall", sink.uri(), /*color=*/true);
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);
  auto mallory = fixture.user("mallory", 500);

  auto recorded = fixture.submit(alice, "hold");
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->job.state, JobState::kHeld);
  // Analysed and priced in the background, the last step before a print could start: still
  // held, nothing sent.
  EXPECT_EQ(wait_analysed(recorded->job.uuid).state, JobState::kHeld);
  EXPECT_TRUE(sink.received().empty());

  auto stolen = fixture.jobs().release(recorded->job.uuid, printer.id, mallory);
  ASSERT_FALSE(stolen.ok());
  EXPECT_NE(stolen.error().message.find("There is no job"), std::string::npos);
  EXPECT_FALSE(fixture.jobs().cancel(recorded->job.uuid, mallory).ok());

  ASSERT_TRUE(fixture.jobs().release(recorded->job.uuid, printer.id, alice).ok());
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  EXPECT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.printer_id, printer.id);
  EXPECT_EQ(sink.received(), read_file(kTestPdf));
  EXPECT_EQ(fixture.charges(alice.id), 1);
}

TEST_F(JobServiceTest, HeldJobIsPricedForThePrinterItIsReleasedTo) {
  RawSinkPeer mono_sink;
  auto mono = fixture.printer("mono", mono_sink.uri(), /*color=*/false);
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);

  // A hold queue does not know the printer yet: the colour test page is priced as colour.
  auto recorded = fixture.submit(alice, "hold");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto analysed = wait_analysed(recorded->job.uuid);
  ASSERT_GT(analysed.counts.color_pages, 0);
  EXPECT_EQ(analysed.cost_cents, kColorA4Cents);

  auto released = fixture.jobs().release(recorded->job.uuid, mono.id, alice);
  ASSERT_TRUE(released.ok()) << released.error().message;
  EXPECT_EQ(released->cost_cents, kMonoA4Cents);
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.cost_cents, kMonoA4Cents);
  EXPECT_EQ(job.counts.color_pages, 0);  // counted as printed: every side mono (D11)
  EXPECT_EQ(job.counts.pages, analysed.counts.pages);
  EXPECT_EQ(fixture.balance(alice.id), 500 - kMonoA4Cents);
  EXPECT_EQ(fixture.charges(alice.id), 1);
}

TEST_F(JobServiceTest, AJobIsPricedByItsTicketAndKeepsItAndItsFormat) {
  // D11: monochrome asked of the colour test page, three copies: three mono pages.
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);
  server::JobSubmission submission;
  submission.owner = alice;
  submission.queue_name = "hold";
  submission.title = "asked mono";
  submission.document_format = "application/octet-stream";
  submission.ticket.copies = 3;
  submission.ticket.color_mode = model::ColorMode::kMonochrome;
  submission.ticket.sides = model::Sides::kOneSided;
  auto document = must(transport::open_document_file(kTestPdf));
  auto recorded = fixture.jobs().submit(submission, *document);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->job.ticket, submission.ticket);
  auto analysed = wait_analysed(recorded->job.uuid);
  EXPECT_EQ(analysed.counts.color_pages, 0);
  EXPECT_EQ(analysed.counts.copies, 3);
  EXPECT_EQ(analysed.cost_cents, 3 * kMonoA4Cents);
  EXPECT_EQ(analysed.ticket, submission.ticket);
  EXPECT_EQ(analysed.document_format, "application/pdf");  // as the analysis found it
}

TEST_F(JobServiceTest, ReleaseToAColourPrinterNeedsCreditForTheColourPrice) {
  RawSinkPeer mono_sink, color_sink;
  auto mono = fixture.printer("mono", mono_sink.uri(), /*color=*/false);
  auto color = fixture.printer("color", color_sink.uri(), /*color=*/true);
  fixture.hold_queue("hold");
  auto carol = fixture.user("carol", kMonoA4Cents);  // enough for mono only

  auto recorded = fixture.submit(carol, "hold");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  auto refused = fixture.jobs().release(recorded->job.uuid, color.id, carol);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, server::JobErrorKind::kNotPossible);
  EXPECT_NE(refused.error().message.find("Not enough credit"), std::string::npos);

  auto released = fixture.jobs().release(recorded->job.uuid, mono.id, carol);
  ASSERT_TRUE(released.ok()) << released.error().message;
  auto job = fixture.wait_for(recorded->job.uuid, JobState::kPrinted);
  EXPECT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(fixture.balance(carol.id), 0);
  EXPECT_TRUE(color_sink.received().empty());
}

TEST_F(JobServiceTest, CancelStopsAHeldJobButNotAPrintedOne) {
  RawSinkPeer sink;
  auto printer = fixture.printer("hall", sink.uri());
  fixture.hold_queue("hold");
  fixture.direct_queue("direct", printer);
  auto alice = fixture.user("alice", 500);

  auto held = fixture.submit(alice, "hold");
  ASSERT_TRUE(held.ok());
  auto cancelled = fixture.jobs().cancel(held->job.uuid, alice);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->state, JobState::kCancelled);
  EXPECT_FALSE(spooled(held->job.uuid));
  EXPECT_FALSE(fixture.jobs().release(held->job.uuid, printer.id, alice).ok());

  auto printed = fixture.submit(alice, "direct");
  ASSERT_TRUE(printed.ok());
  fixture.wait_for(printed->job.uuid, JobState::kPrinted);
  auto too_late = fixture.jobs().cancel(printed->job.uuid, alice);
  ASSERT_FALSE(too_late.ok());
  EXPECT_NE(too_late.error().message.find("already printed"), std::string::npos);
}

TEST_F(JobServiceTest, CancelStopsAJobWhileTheServerRetriesABusyPrinter) {
  PrinterSimulator refusing({.fault = SimulatedFault::kRefuse});
  fixture.direct_queue("down", fixture.printer("down", refusing.uri("socket")));
  auto alice = fixture.user("alice", 500);
  auto recorded = fixture.submit(alice, "down");
  ASSERT_TRUE(recorded.ok());
  // Refused once and waiting to try again.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (must(fixture.store().find_job(recorded->job.uuid))->outcome.find("Trying again") ==
             std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_NE(must(fixture.store().find_job(recorded->job.uuid))->outcome.find("Trying again"),
            std::string::npos);
  auto cancelled = fixture.jobs().cancel(recorded->job.uuid, alice);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->state, JobState::kCancelled);
  EXPECT_EQ(fixture.charges(alice.id), 0);
}

TEST_F(JobServiceTest, RestartResumesPendingJobsAndHoldsInterruptedOnes) {
  RawSinkPeer sink;
  auto printer = fixture.printer("hall", sink.uri());
  auto queue = fixture.direct_queue("direct", printer);
  auto alice = fixture.user("alice", 500);
  fixture.stop_jobs();

  // What a crashed server leaves behind: a pending job and one that was being sent.
  auto leave = [&](JobState state) {
    model::Job job;
    job.uuid = new_job_uuid();
    job.owner_id = alice.id;
    job.queue_id = queue.id;
    job.counts.pages = 1;
    job.cost_cents = kMonoA4Cents;
    job.submitted_at = model::now_seconds();
    EXPECT_TRUE(fixture.store().record_job(job).ok());
    if (state != JobState::kPending) {
      EXPECT_TRUE(fixture.store().set_job_state(job.uuid, state, std::nullopt, "").ok());
    }
    std::filesystem::copy_file(kTestPdf, fixture.config().spool_dir() / job.uuid);
    return job.uuid;
  };
  std::filesystem::create_directories(fixture.config().spool_dir());
  const auto pending = leave(JobState::kPending);
  const auto interrupted = leave(JobState::kPrinting);

  fixture.start_jobs();
  auto resumed = fixture.wait_for(pending, JobState::kPrinted);
  EXPECT_EQ(resumed.state, JobState::kPrinted) << resumed.outcome;
  auto held = fixture.wait_for(interrupted, JobState::kHeld);
  EXPECT_EQ(held.state, JobState::kHeld);
  EXPECT_NE(held.outcome.find("release it again"), std::string::npos) << held.outcome;
  EXPECT_EQ(sink.received(), read_file(kTestPdf));  // only the pending one printed
  EXPECT_EQ(fixture.charges(alice.id), 1);
}

TEST_F(JobServiceTest, HoldQueueAcknowledgesFirstThenAnalysesAndPricesTheJob) {
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);

  auto recorded = fixture.submit(alice, "hold");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(recorded->job.state, JobState::kHeld);
  EXPECT_EQ(recorded->job.cost_cents, 0);  // acknowledged before the analysis
  EXPECT_TRUE(spooled(recorded->job.uuid));

  auto job = wait_analysed(recorded->job.uuid);
  EXPECT_FALSE(marked_unanalysed(recorded->job.uuid));
  EXPECT_EQ(job.state, JobState::kHeld);
  EXPECT_EQ(job.counts.pages, 1);
  EXPECT_GT(job.counts.color_pages, 0);
  EXPECT_EQ(job.counts.copies, 1);
  EXPECT_EQ(job.cost_cents, kColorA4Cents);
  EXPECT_EQ(fixture.charges(alice.id), 0);  // charged only when printed
}

// A document up to database_document_bytes is kept in the database with its job (no file),
// a larger one in its spool file; both are analysed and print as they were sent, through a
// temporary copy for the one in the database, and nothing of either is left once printed.
TEST_F(JobServiceTest, SmallDocumentsAreKeptInTheDatabaseLargerOnesInFiles) {
  RawSinkPeer sink;
  auto hall = fixture.printer("hall", sink.uri(), /*color=*/true);
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 5000);
  const auto size = std::filesystem::file_size(kTestPdf);
  const auto file_of = [&](const std::string& uuid) {
    return server::JobSpool::file_of(fixture.config().spool_dir(), uuid);
  };

  auto small = fixture.submit(alice, "hold");
  ASSERT_TRUE(small.ok()) << small.error().message;
  auto kept = fixture.store().job_document(small->job.uuid);
  ASSERT_TRUE(kept.ok() && *kept);
  EXPECT_EQ(**kept, read_file(kTestPdf));
  EXPECT_FALSE(std::filesystem::exists(file_of(small->job.uuid)));

  fixture.config().database_document_bytes = size - 1;
  fixture.stop_jobs();
  fixture.start_jobs();
  auto large = fixture.submit(alice, "hold");
  ASSERT_TRUE(large.ok()) << large.error().message;
  EXPECT_FALSE(fixture.store().job_document(large->job.uuid).value());
  ASSERT_TRUE(std::filesystem::exists(file_of(large->job.uuid)));
  EXPECT_EQ(std::filesystem::file_size(file_of(large->job.uuid)), size);

  for (const auto& uuid : {small->job.uuid, large->job.uuid}) {
    auto released = fixture.jobs().release(uuid, hall.id, alice);
    ASSERT_TRUE(released.ok()) << released.error().message;
    EXPECT_EQ(released->counts.pages, 1);  // analysed, wherever the document was
    auto job = fixture.wait_for(uuid, JobState::kPrinted);
    ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
    EXPECT_FALSE(spooled(uuid));
  }
  EXPECT_EQ(sink.received(), read_file(kTestPdf) + read_file(kTestPdf));
  EXPECT_TRUE(std::filesystem::is_empty(fixture.config().spool_dir() / "work"))
      << "a temporary copy was left";
}

TEST_F(JobServiceTest, ReleaseBeforeTheAnalysisAnalysesFirstAndChargesTheRightPrice) {
  RawSinkPeer sink;
  auto mono = fixture.printer("mono", sink.uri(), /*color=*/false);
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);

  // Many jobs at once keep the low-priority analyser busy: the last one is released at once.
  std::string last;
  for (int i = 0; i < 20; ++i) {
    auto recorded = fixture.submit(alice, "hold");
    ASSERT_TRUE(recorded.ok()) << recorded.error().message;
    last = recorded->job.uuid;
  }
  auto released = fixture.jobs().release(last, mono.id, alice);
  ASSERT_TRUE(released.ok()) << released.error().message;
  EXPECT_FALSE(marked_unanalysed(last));
  EXPECT_EQ(released->counts.pages, 1);
  EXPECT_EQ(released->cost_cents, kMonoA4Cents);
  auto job = fixture.wait_for(last, JobState::kPrinted);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(job.cost_cents, kMonoA4Cents);
  EXPECT_EQ(fixture.balance(alice.id), 500 - kMonoA4Cents);
  EXPECT_EQ(fixture.charges(alice.id), 1);
  EXPECT_EQ(sink.received(), read_file(kTestPdf));
}

TEST_F(JobServiceTest, RestartAnalysesJobsStillMarkedUnanalysed) {
  auto queue = fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);
  fixture.stop_jobs();

  // What a server killed after the acknowledgement leaves: a held job priced at nothing, its
  // document and its mark (two copies asked for).
  model::Job left;
  left.uuid = new_job_uuid();
  left.owner_id = alice.id;
  left.queue_id = queue.id;
  left.state = JobState::kHeld;
  left.counts.copies = 2;
  left.submitted_at = model::now_seconds();
  ASSERT_TRUE(fixture.store().record_job(left).ok());
  // Left in the flat layout of older versions (a marker file): the start moves it into its
  // shard directory.
  std::filesystem::create_directories(fixture.config().spool_dir());
  std::filesystem::copy_file(kTestPdf, fixture.config().spool_dir() / left.uuid);
  std::ofstream(fixture.config().spool_dir() / (left.uuid + ".unanalysed")).close();

  fixture.start_jobs();
  auto job = wait_analysed(left.uuid);
  EXPECT_FALSE(marked_unanalysed(left.uuid));
  EXPECT_EQ(job.state, JobState::kHeld);
  EXPECT_EQ(job.counts.pages, 1);
  EXPECT_EQ(job.counts.copies, 2);
  EXPECT_EQ(job.cost_cents, 2 * kColorA4Cents);
}

TEST_F(JobServiceTest, HeldJobThatIsNoDocumentEndsFailedWithTheReason) {
  fixture.hold_queue("hold");
  auto alice = fixture.user("alice", 500);
  TempDir dir("printline-bad-document");
  {
    // Looks like a PDF from its first bytes (so it is acknowledged), but is none.
    std::ofstream out(dir / "bad.pdf", std::ios::binary);
    out << "%PDF-1.7\n";
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 7919 + 13) % 251));
  }
  server::JobSubmission submission;
  submission.owner = alice;
  submission.queue_name = "hold";
  submission.title = "not a document";
  submission.document_format = "application/pdf";
  auto document = must(transport::open_document_file(dir / "bad.pdf"));
  auto recorded = fixture.jobs().submit(submission, *document);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;  // acknowledged before the analysis
  const auto uuid = recorded->job.uuid;

  wait_analysed(uuid);  // the job is failed first, then its document and mark removed
  auto job = fixture.wait_for(uuid, JobState::kFailed);
  ASSERT_EQ(job.state, JobState::kFailed) << job.outcome;
  EXPECT_NE(job.outcome.find("cannot be printed"), std::string::npos) << job.outcome;
  EXPECT_FALSE(marked_unanalysed(uuid));
  EXPECT_FALSE(spooled(uuid));
  auto released = fixture.jobs().release(uuid, 0, alice);
  EXPECT_FALSE(released.ok());
  EXPECT_EQ(fixture.charges(alice.id), 0);

  // What is no document from its first bytes on is refused at once, hold queue or not.
  {
    std::ofstream out(dir / "noise.bin", std::ios::binary);
    out << std::string(100, '\x01');
  }
  auto noise = must(transport::open_document_file(dir / "noise.bin"));
  auto refused = fixture.jobs().submit(submission, *noise);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, server::JobErrorKind::kUnprintable);
  EXPECT_NE(refused.error().message.find("not recognised"), std::string::npos);
}

TEST_F(JobServiceTest, RefusesWhatCannotBeAJob) {
  RawSinkPeer sink;
  fixture.direct_queue("direct", fixture.printer("hall", sink.uri()));
  auto alice = fixture.user("alice", 500);
  auto bad_uuid = fixture.submit(alice, "direct", "not-a-uuid");
  ASSERT_FALSE(bad_uuid.ok());
  EXPECT_EQ(bad_uuid.error().kind, server::JobErrorKind::kInvalidUuid);
  EXPECT_NE(bad_uuid.error().message.find("not a job UUID"), std::string::npos);
  auto no_queue = fixture.submit(alice, "nowhere");
  ASSERT_FALSE(no_queue.ok());
  EXPECT_EQ(no_queue.error().kind, server::JobErrorKind::kNoSuchQueue);
  EXPECT_NE(no_queue.error().message.find("no queue named nowhere"), std::string::npos);

  fixture.config().max_upload_bytes = 1000;
  fixture.stop_jobs();
  fixture.start_jobs();
  auto too_big = fixture.submit(alice, "direct");
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().kind, server::JobErrorKind::kTooLarge);
  EXPECT_NE(too_big.error().message.find("larger than this server accepts"), std::string::npos);
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(fixture.config().spool_dir())) {
    EXPECT_TRUE(entry.is_directory()) << entry.path() << " is left";
  }
}

}  // namespace
}  // namespace printline::testing
