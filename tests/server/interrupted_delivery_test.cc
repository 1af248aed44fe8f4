// A send cut off by a server stop, settled by what the IPP printer itself says (docs/server.md,
// "Restart rule"), against real ippeveprinters. The state a crash mid-send leaves in the
// database (a job "printing" for a node that is gone) is written as the crash leaves it; the
// printer gets — or does not get — the job through the same transport the print workers use.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "core/job_uuid.h"
#include "job_test_fixture.h"
#include "model/job_outcome.h"
#include "support/ipp_eve_printer_peer.h"
#include "support/must.h"
#include "support/printer_simulator.h"
#include "transport/printer_send.h"

namespace printline::testing {
namespace {

using model::JobState;
using namespace std::chrono_literals;

class InterruptedDeliveryTest : public ::testing::Test {
 protected:
  // A job released to `to` (floor1 unless said) that a server, now gone, was sending when it
  // stopped.
  std::string job_cut_off_while_sending(std::optional<model::Printer> to = std::nullopt) {
    fixture_.hold_queue("secure");
    const std::string uuid = new_job_uuid();
    auto recorded = fixture_.submit(alice_, "secure", uuid);
    EXPECT_TRUE(recorded.ok()) << recorded.error().message;
    // Analysed and priced in the background, as every job is before it is sent.
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (must(fixture_.store().find_job(uuid))->cost_cents == 0 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    fixture_.stop_jobs();
    must(fixture_.store().set_job_state(uuid, JobState::kPending, to.value_or(floor1_).id,
                                        "Released."));
    EXPECT_TRUE(must(fixture_.store().claim_pending_job(uuid, "Sending to the printer.",
                                                        "a-node-that-stopped")));
    return uuid;
  }

  // What the print workers send to floor1 for this job (job_printing.cc, delivery_options).
  transport::SendResult send_as_the_server_did(const std::string& uuid, const std::string& title) {
    transport::SendOptions options;
    options.job_uuid = uuid;
    options.user = "alice";
    options.title = title;
    options.document_format = "application/pdf";
    return transport::send_to_printer(floor1_, floor1_.device_uri, kTestPdf, options);
  }

  // The job once its outcome no longer says only that the server stopped; its outcome as
  // people read it.
  model::Job settled(const std::string& uuid) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (true) {
      auto job = must(fixture_.store().find_job(uuid));
      job->outcome = model::outcome_for_reader(job->outcome);
      const bool interrupted_only =
          job->state == JobState::kHeld &&
          job->outcome.find("release it again to print.") != std::string::npos;
      if ((!interrupted_only && job->state != JobState::kPending &&
           job->state != JobState::kPrinting) ||
          std::chrono::steady_clock::now() > deadline) {
        return *job;
      }
      std::this_thread::sleep_for(20ms);
    }
  }

  JobFixture fixture_;
  IppEvePrinterPeer printer_{"floor1"};
  model::Printer floor1_ = fixture_.printer("floor1", printer_.uri());
  model::User alice_ = fixture_.user("alice", 5000);
};

TEST_F(InterruptedDeliveryTest, TheJobThePrinterTookIsPrintedAndChargedOnceNeverSentAgain) {
  const std::string uuid = job_cut_off_while_sending();
  ASSERT_TRUE(send_as_the_server_did(uuid, "test page").delivered());
  fixture_.start_jobs();  // the restart: held as interrupted, then asked of floor1
  auto job = settled(uuid);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_NE(job.outcome.find("the printer lists it as its job"), std::string::npos) << job.outcome;
  EXPECT_EQ(job.printer_id, floor1_.id);
  EXPECT_EQ(fixture_.charges(alice_.id), 1);
  EXPECT_EQ(fixture_.balance(alice_.id), 5000 - job.cost_cents);
  EXPECT_EQ(printer_.documents_received(), 1);  // printed: never queued to be sent again
}

TEST_F(InterruptedDeliveryTest, AJobThePrinterNeverGotIsPrintedAgainOnce) {
  // The printer remembers a job that finished before ours was submitted: its list reaches
  // back far enough for "not there" to mean not there.
  auto earlier = send_as_the_server_did(new_job_uuid(), "earlier");
  ASSERT_TRUE(earlier.delivered()) << earlier.message;
  ASSERT_EQ(printer_.wait_until_job_finished(*earlier.device_job_id, 60s), 9);
  std::this_thread::sleep_for(2s);  // setup: ours is submitted strictly later, in seconds
  const std::string uuid = job_cut_off_while_sending();
  fixture_.start_jobs();
  auto job = fixture_.wait_for(uuid, JobState::kPrinted, 60s);
  ASSERT_EQ(job.state, JobState::kPrinted) << job.outcome;
  EXPECT_EQ(fixture_.charges(alice_.id), 1);
  EXPECT_EQ(printer_.documents_received(), 2);  // the earlier job and this one, once
}

TEST_F(InterruptedDeliveryTest, APrinterThatCannotSayLeavesTheJobHeldForAPerson) {
  // A printer that remembers no finished job cannot tell "never got it" from "forgot it".
  const std::string uuid = job_cut_off_while_sending();
  fixture_.start_jobs();
  auto job = settled(uuid);
  ASSERT_EQ(job.state, JobState::kHeld) << job.outcome;
  EXPECT_NE(job.outcome.find("may or may not have printed (floor1: the printer's job list does "
                             "not go back far enough"),
            std::string::npos)
      << job.outcome;
  EXPECT_EQ(fixture_.charges(alice_.id), 0);
  EXPECT_EQ(printer_.documents_received(), 0);
}

// A printer that takes the connection and never answers keeps the lookup waiting for its
// timeout (10 s); that is the settler's wait alone: the only print worker prints another job
// meanwhile, before the lookup gives up.
TEST_F(InterruptedDeliveryTest, APrinterThatNeverAnswersTheLookupHoldsUpNoOtherJob) {
  PrinterSimulator mute_printer({.fault = SimulatedFault::kHangMidJob, .fault_after_bytes = 0});
  const model::Printer mute = fixture_.printer("mute", mute_printer.uri("ipp"));
  const std::string uuid = job_cut_off_while_sending(mute);
  fixture_.direct_queue("direct", floor1_);
  fixture_.config().print_workers = 1;
  fixture_.start_jobs();
  const std::string other = new_job_uuid();
  ASSERT_TRUE(fixture_.submit(alice_, "direct", other).ok());
  auto printed = fixture_.wait_for(other, JobState::kPrinted, 60s);
  ASSERT_EQ(printed.state, JobState::kPrinted) << printed.outcome;
  // Printed while the lookup still waits: the cut-off job has not been settled yet.
  auto cut_off = must(fixture_.store().find_job(uuid));
  EXPECT_EQ(cut_off->state, JobState::kHeld);
  EXPECT_NE(model::outcome_for_reader(cut_off->outcome).find("release it again to print."),
            std::string::npos)
      << cut_off->outcome;
  // And when it gives up, the job is left for a person, as with any printer that cannot say.
  auto job = settled(uuid);
  ASSERT_EQ(job.state, JobState::kHeld) << job.outcome;
  EXPECT_NE(job.outcome.find("may or may not have printed (mute:"), std::string::npos)
      << job.outcome;
}

}  // namespace
}  // namespace printline::testing
