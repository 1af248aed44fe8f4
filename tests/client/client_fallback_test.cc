// The desktop client end to end: a real printline-server in-process, the daemon against it,
// and real printer peers on loopback (socat RAW sink, LPRng lpd) plus the printer simulator
// for a device that rejects jobs. Every FP and D2 row the daemon implements has a test that
// names it.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "client/control_protocol.h"
#include "client/control_socket_client.h"
#include "client/outbox_store.h"
#include "client/running_client.h"
#include "client/test_office.h"
#include "core/job_uuid.h"
#include "model/ledger_entry.h"
#include "store/store.h"
#include "support/child_process.h"
#include "support/file_text.h"
#include "support/lprng_peer.h"
#include "support/must.h"
#include "support/printer_simulator.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::ClientEvent;
using client::JobState;

// A real one-page PDF that nobody here wrote (SPEC §4).
const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "alice-password-1";

// A server with alice (credit 100.00), a price list, a queue "main" printing to a RAW sink,
// and two fallback printers: Kyocera devices whose device spooling ports are a real RAW sink
// and a real LPRng queue (FP-9), so each has its own loopback port.
class ClientFallbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = office_.add_user("alice", 10000, kPassword);
    raw_printer_ = printer("hall-raw", "socket://127.0.0.1:1",
                           model::DevicePort{model::PortProtocol::kRaw, raw_.port(), ""});
    lpd_printer_ = printer("lab-lpd", "lpd://127.0.0.1:1/lp",
                           model::DevicePort{model::PortProtocol::kLpr, lpd_.port(), lpd_.queue()});
  }

  model::Printer printer(const std::string& name, const std::string& uri,
                         std::optional<model::DevicePort> spooling = std::nullopt) {
    model::Printer p;
    p.name = name;
    p.device_uri = uri;
    p.location = name + " room";
    if (spooling) {
      p.vendor = "Kyocera";
      p.spooling_port = spooling;
    }
    return must(office_.store().create_printer(p, store::system_actor()));
  }

  void set_profile(bool enabled, std::vector<std::int64_t> printer_ids,
                   model::ReleaseCondition release = model::ReleaseCondition::kAlways) {
    model::ClientProfile profile;
    profile.name = "office";
    profile.assigned_users = {"alice"};
    profile.fallback.enabled = enabled;
    fallback_enabled_ = enabled;
    profile.fallback.printer_ids = std::move(printer_ids);
    profile.fallback.release = release;
    if (profile_id_ == 0) {
      profile_id_ = office_.add_profile(profile).id;
    } else {
      profile.id = profile_id_;
      profile.server_addresses = {office_.base_url()};
      must(office_.store().update_profile(profile, store::system_actor()));
    }
  }

  // alice printed on `printer` through the server once: her history (D2).
  void add_history(const model::Printer& on) {
    model::Job job;
    job.uuid = new_job_uuid();
    job.owner_id = alice_.id;
    job.printer_id = on.id;
    job.state = model::JobState::kPrinted;
    job.title = "earlier";
    job.counts.pages = 1;
    job.cost_cents = 10;
    job.submitted_at = model::now_seconds();
    job.printed_at = model::now_seconds();
    must(office_.store().record_job(job));
  }

  void start_server() { office_.start_server(); }
  void stop_server() { office_.stop_server(); }

  // A client logged in as alice with a cached profile, then (optionally) the server stopped.
  std::unique_ptr<RunningClient> client_for_alice(bool then_stop_server) {
    auto client = std::make_unique<RunningClient>(office_.base_url());
    client->login("alice", kPassword);
    EXPECT_TRUE(client->wait_for_online(true));
    // The client works from the profile the administrator set (FP-1): fallback on or off.
    EXPECT_TRUE(client->wait_for_status(
        [&](const client::StatusView& s) { return s.fallback_enabled == fallback_enabled_; }));
    if (then_stop_server) {
      stop_server();
      EXPECT_TRUE(client->wait_for_online(false));
    }
    return client;
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(office_.store().ledger_of(alice_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  std::optional<model::Job> server_job(const std::string& uuid, model::JobState state) {
    for (int i = 0; i < 500; ++i) {
      auto job = must(office_.store().find_job(uuid));
      if (job && job->state == state) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return must(office_.store().find_job(uuid));
  }

  TestOffice office_;
  model::User alice_;
  RawSinkPeer raw_;
  LprngPeer lpd_;
  model::Printer raw_printer_, lpd_printer_;
  std::int64_t profile_id_ = 0;
  bool fallback_enabled_ = false;  // as set_profile last set it
  const std::string pdf_ = read_file(kTestPdf);
};

TEST_F(ClientFallbackTest, Online_JobGoesToTheServerQueueAndIsPrintedOnce) {
  set_profile(true, {raw_printer_.id, lpd_printer_.id});
  auto client = client_for_alice(false);
  auto job = must(client->submit_file(kTestPdf, "online.pdf"));
  auto done = client->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_TRUE(done);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  auto at_server = server_job(job.uuid, model::JobState::kPrinted);
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kServer);
  EXPECT_EQ(at_server->state, model::JobState::kPrinted);
  // Printed exactly once, on the queue's printer and nowhere else.
  for (int i = 0; i < 100 && occurrences(office_.server_printer().received(), pdf_) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(occurrences(office_.server_printer().received(), pdf_), 1);
  EXPECT_EQ(raw_.received(), "");
  EXPECT_EQ(charges_for(job.uuid), 1);
}

TEST_F(ClientFallbackTest,
       FP7a_D2_OneHistoryPrinterThatIsACandidate_PrintsAutomaticallyAndNotifies) {
  set_profile(true, {raw_printer_.id, lpd_printer_.id});
  add_history(raw_printer_);
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "offline.pdf"));
  auto printed = client->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(printed->printer, "hall-raw");
  auto notification = client->wait_for_event(ClientEvent::Kind::kNotification, job.uuid);
  ASSERT_TRUE(notification);
  EXPECT_NE(notification->message.find("hall-raw"), std::string::npos);
  EXPECT_EQ(occurrences(raw_.received(), pdf_), 1);
  // PJL-tagged with the job's UUID (RAW allows it).
  EXPECT_NE(raw_.received().find(job.uuid), std::string::npos);
}

TEST_F(ClientFallbackTest, FP1_D6_ServerBack_PrintedOfflineJobIsUploadedAndAccountedExactlyOnce) {
  set_profile(true, {raw_printer_.id});
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "offline.pdf"));
  auto printed = client->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_TRUE(printed);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(client->daemon().status().jobs_awaiting_accounting, 1);

  start_server();
  auto accounted = client->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_TRUE(accounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(office_.store().find_job(job.uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(at_server->printer_id, raw_printer_.id);
  EXPECT_EQ(at_server->counts.pages, 1);
  EXPECT_TRUE(at_server->printed_at.has_value());
  EXPECT_EQ(charges_for(job.uuid), 1);

  // The answer was "lost": the client still thinks the job is unaccounted and sends it again.
  client->stop();
  {
    auto outbox = must(client::OutboxStore::open(client->state_dir()));
    auto record = *outbox->find(job.uuid);
    record.state = JobState::kPrintedOffline;
    must(outbox->update(record));
  }
  client->start();
  accounted = client->wait_for_state(job.uuid, JobState::kAccounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted);
  EXPECT_EQ(charges_for(job.uuid), 1);               // a UUID is charged once (D6)
  EXPECT_EQ(occurrences(raw_.received(), pdf_), 1);  // and printed once
}

TEST_F(ClientFallbackTest, FP7b_D2_SeveralCandidates_PromptsThenPrintsOnTheChosenPrinter) {
  set_profile(true, {raw_printer_.id, lpd_printer_.id});
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "choose.pdf"));
  auto waiting = client->wait_for_state(job.uuid, JobState::kWaitingForChoice);
  ASSERT_EQ(waiting->state, JobState::kWaitingForChoice) << waiting->reason;
  auto prompt = client->wait_for_event(ClientEvent::Kind::kPrompt, job.uuid);
  ASSERT_TRUE(prompt);
  ASSERT_EQ(prompt->candidates.size(), 2u);
  for (const auto& candidate : prompt->candidates) EXPECT_TRUE(candidate.reachable);

  // The chooser's list with a search filter (FP-7b).
  auto found =
      client->daemon().fallback_printers(client::PrinterFilter{"LAB", false, false, false});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "lab-lpd");

  auto chosen = client->daemon().choose(job.uuid.substr(0, 8), "lab-lpd");
  ASSERT_TRUE(chosen.ok()) << chosen.error().message;
  auto printed = client->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(printed->printer, "lab-lpd");
  EXPECT_NE(lpd_.wait_for_output(pdf_.size()).find(pdf_), std::string::npos);
  EXPECT_EQ(raw_.received(), "");

  // The last choice is preselected next time (D2).
  auto listed = client->daemon().fallback_printers({});
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed[0].name, "lab-lpd");
  EXPECT_TRUE(listed[0].last_choice);
}

TEST_F(ClientFallbackTest, D3_ServerBackBeforeTheChoice_PromptWithdrawnAndJobGoesToTheServer) {
  set_profile(true, {raw_printer_.id, lpd_printer_.id});
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "wait.pdf"));
  ASSERT_EQ(client->wait_for_state(job.uuid, JobState::kWaitingForChoice)->state,
            JobState::kWaitingForChoice);
  // A subscriber that comes later still sees the open question (D3).
  std::vector<ClientEvent> late;
  auto subscription = client->daemon().subscribe([&](const ClientEvent& e) { late.push_back(e); });
  ASSERT_FALSE(late.empty());
  EXPECT_EQ(late.front().kind, ClientEvent::Kind::kPrompt);

  start_server();
  auto at_server = client->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(at_server->state, JobState::kAtServer) << at_server->reason;
  EXPECT_TRUE(client->wait_for_event(ClientEvent::Kind::kPromptWithdrawn, job.uuid));
  EXPECT_TRUE(server_job(job.uuid, model::JobState::kPrinted));
  EXPECT_EQ(raw_.received(), "");
}

TEST_F(ClientFallbackTest, FP8_D4_FallbackDisabled_ErrorWithRetryAndCancel) {
  set_profile(false, {raw_printer_.id});
  auto client = client_for_alice(true);
  auto kept = must(client->submit_file(kTestPdf, "kept.pdf"));
  auto dropped = must(client->submit_file(kTestPdf, "dropped.pdf"));
  for (const auto* job : {&kept, &dropped}) {
    auto waiting = client->wait_for_state(job->uuid, JobState::kWaitingForServer);
    ASSERT_EQ(waiting->state, JobState::kWaitingForServer);
    EXPECT_NE(waiting->reason.find("fallback printing is disabled"), std::string::npos)
        << waiting->reason;
    auto prompt = client->wait_for_event(ClientEvent::Kind::kPrompt, job->uuid);
    ASSERT_TRUE(prompt);
  }
  // Cancel deletes the job's document.
  auto cancelled = client->daemon().cancel(dropped.uuid);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(client->daemon().job(dropped.uuid)->state, JobState::kCancelled);
  EXPECT_FALSE(std::filesystem::exists(client->daemon().spool_dir() / dropped.uuid));
  // Retry keeps it; it goes to the server once the server answers.
  ASSERT_TRUE(client->daemon().retry(kept.uuid).ok());
  start_server();
  auto sent = client->wait_for_state(kept.uuid, JobState::kAtServer);
  ASSERT_EQ(sent->state, JobState::kAtServer) << sent->reason;
  EXPECT_EQ(raw_.received(), "");
  EXPECT_FALSE(must(office_.store().find_job(dropped.uuid)).has_value());
}

TEST_F(ClientFallbackTest, FP3_D7_DeviceRejectsTheJob_RejectedByDeviceThenAnotherPrinterPrintsIt) {
  SimulatorConfig refuse;
  refuse.fault = SimulatedFault::kLpd;
  refuse.lpd_refuse_at = LpdStage::kReceiveJob;
  refuse.message = "jobs from unknown sources are not allowed";
  PrinterSimulator refusing(refuse);
  auto strict = printer("strict-lpd", "lpd://127.0.0.1:1/sim",
                        model::DevicePort{model::PortProtocol::kLpr, refusing.port(), "sim"});
  set_profile(true, {strict.id, raw_printer_.id});
  add_history(strict);
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "strict.pdf"));
  auto rejected = client->wait_for_state(job.uuid, JobState::kRejectedByDevice);
  ASSERT_EQ(rejected->state, JobState::kRejectedByDevice) << rejected->reason;
  EXPECT_NE(rejected->reason.find("strict-lpd"), std::string::npos) << rejected->reason;
  EXPECT_NE(rejected->reason.find("accept jobs from unknown sources"), std::string::npos);
  EXPECT_TRUE(client->wait_for_event(ClientEvent::Kind::kPrompt, job.uuid));
  ASSERT_TRUE(client->daemon().choose(job.uuid, "hall-raw").ok());
  auto printed = client->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(occurrences(raw_.received(), pdf_), 1);
}

TEST_F(ClientFallbackTest, D5_CreditQuotaRelease_NotEnoughCredit_HeldForCredit) {
  set_profile(true, {raw_printer_.id}, model::ReleaseCondition::kCreditQuota);
  model::User poor;
  poor.login = "poor";
  poor = must(office_.store().create_user(poor, kPassword, store::system_actor()));
  model::ClientProfile profile = *must(office_.store().find_profile(profile_id_));
  profile.assigned_users.push_back("poor");
  must(office_.store().update_profile(profile, store::system_actor()));
  auto client = std::make_unique<RunningClient>(office_.base_url());
  client->login("poor", kPassword);
  ASSERT_TRUE(client->wait_for_online(true));
  stop_server();
  ASSERT_TRUE(client->wait_for_online(false));
  auto job = must(client->submit_file(kTestPdf, "expensive.pdf"));
  auto held = client->wait_for_state(job.uuid, JobState::kHeldForCredit);
  ASSERT_EQ(held->state, JobState::kHeldForCredit) << held->reason;
  EXPECT_NE(held->reason.find("Not enough credit"), std::string::npos) << held->reason;
  EXPECT_GT(held->estimated_cost_cents, 0);
  EXPECT_EQ(raw_.received(), "");
}

TEST_F(ClientFallbackTest, D2_NoCandidateReachable_ErrorAndJobKept) {
  SimulatorConfig refuse;
  refuse.fault = SimulatedFault::kRefuse;
  PrinterSimulator gone(refuse);
  auto off = printer("off-raw", "socket://127.0.0.1:1",
                     model::DevicePort{model::PortProtocol::kRaw, gone.port(), ""});
  set_profile(true, {off.id});
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "nowhere.pdf"));
  auto kept = client->wait_for_state(job.uuid, JobState::kWaitingForServer);
  ASSERT_EQ(kept->state, JobState::kWaitingForServer) << kept->reason;
  EXPECT_NE(kept->reason.find("off-raw"), std::string::npos) << kept->reason;
  EXPECT_TRUE(std::filesystem::exists(client->daemon().spool_dir() / job.uuid));
}

}  // namespace
}  // namespace printline::testing

namespace printline::testing {
namespace {

TEST_F(ClientFallbackTest, D1_SeveralAddresses_TriedInOrder_TheFirstDownTheSecondTakesTheJob) {
  set_profile(true, {raw_printer_.id});
  SimulatorConfig refuse;
  refuse.fault = SimulatedFault::kRefuse;
  PrinterSimulator dead(refuse);  // a port where nothing listens
  RunningClient client("http://127.0.0.1:" + std::to_string(dead.port()) + "," +
                       office_.base_url());
  client.login("alice", kPassword);
  auto job = must(client.submit_file(kTestPdf, "second-address.pdf"));
  auto done = client.wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  EXPECT_EQ(raw_.received(), "");
}

TEST_F(ClientFallbackTest, D1_ServerKnownDown_NextJobGoesToFallbackWithoutTryingTheServer) {
  set_profile(true, {raw_printer_.id});
  auto client = client_for_alice(true);
  ASSERT_FALSE(client->daemon().status().online);
  auto job = must(client->submit_file(kTestPdf, "at-once.pdf"));
  auto printed = client->wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  // Never marked as being sent to the server: no submission was attempted.
  for (const auto& event : client->events()) {
    if (event.kind == ClientEvent::Kind::kJobChanged && event.job && event.job->uuid == job.uuid) {
      EXPECT_NE(event.job->state, JobState::kSendingToServer);
    }
  }
}

// Crash after the server accepted the job, before the client recorded it: on restart the
// client sends the job again under its UUID (D10), the server recognises it as the job it
// already has (D6) and the commit changes nothing — printed and charged once.
TEST_F(ClientFallbackTest, D6_KilledAfterTheServerAcceptedBeforeRecording_SentAgainNotPrintedTwice) {
  set_profile(true, {raw_printer_.id});
  auto client = client_for_alice(false);
  auto job = must(client->submit_file(kTestPdf, "accepted.pdf"));
  ASSERT_EQ(client->wait_for_state(job.uuid, JobState::kAtServer)->state, JobState::kAtServer);
  const auto at_server = server_job(job.uuid, model::JobState::kPrinted);
  ASSERT_TRUE(at_server);
  client->stop();
  {
    // What kill -9 between the server's answer and the commit leaves behind.
    auto outbox = must(client::OutboxStore::open(client->state_dir()));
    auto record = *outbox->find(job.uuid);
    record.state = JobState::kSendingToServer;
    must(outbox->update(record));
    std::ofstream(outbox->spool_path(job.uuid)) << read_file(kTestPdf);
  }
  client->start();
  auto resolved = client->wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_EQ(resolved->state, JobState::kAtServer) << resolved->reason;
  EXPECT_NE(resolved->reason.find("(server job " + std::to_string(at_server->id) + ")"),
            std::string::npos)
      << resolved->reason;
  // Printed by the server (the final state a second copy would have to pass through first).
  auto printed = server_job(job.uuid, model::JobState::kPrinted);
  ASSERT_TRUE(printed);
  EXPECT_EQ(printed->state, model::JobState::kPrinted) << printed->outcome;
  EXPECT_EQ(occurrences(office_.server_printer().received(), pdf_), 1);
  EXPECT_EQ(charges_for(job.uuid), 1);
  EXPECT_EQ(raw_.received(), "");
}

// Crash after the record said "sending" but before the server got the job: the server says it
// has no such job, so the job is sent again.
TEST_F(ClientFallbackTest, D6_KilledBeforeTheServerGotTheJob_ServerSaysNoSuchJob_SentAgain) {
  set_profile(true, {raw_printer_.id});
  auto client = client_for_alice(false);
  client->stop();
  std::string uuid;
  {
    auto outbox = must(client::OutboxStore::open(client->state_dir()));
    client::OutboxJob record;
    record.uuid = new_job_uuid();
    record.title = "never-arrived.pdf";
    record.document_format = "application/pdf";
    auto document = must(transport::open_document_file(kTestPdf));
    record = must(outbox->add(record, *document));
    record.state = JobState::kSendingToServer;
    must(outbox->update(record));
    uuid = record.uuid;
  }
  client->start();
  auto sent = client->wait_for_state(uuid, JobState::kAtServer);
  ASSERT_EQ(sent->state, JobState::kAtServer) << sent->reason;
  ASSERT_TRUE(server_job(uuid, model::JobState::kPrinted));
  EXPECT_EQ(charges_for(uuid), 1);
}

// Crash during a fallback print: the job is never resent silently; the user is asked.
TEST_F(ClientFallbackTest, CrashDuringAFallbackPrint_NotResentSilently_UserChoosesAgain) {
  set_profile(true, {raw_printer_.id, lpd_printer_.id});
  auto client = client_for_alice(true);
  client->stop();
  std::string uuid;
  {
    auto outbox = must(client::OutboxStore::open(client->state_dir()));
    client::OutboxJob record;
    record.uuid = new_job_uuid();
    record.title = "half-printed.pdf";
    record.document_format = "application/pdf";
    auto document = must(transport::open_document_file(kTestPdf));
    record = must(outbox->add(record, *document));
    record.state = JobState::kPrintingOnFallback;
    record.printer_id = raw_printer_.id;
    record.printer = raw_printer_.name;
    record.fallback_send_started = true;
    must(outbox->update(record));
    uuid = record.uuid;
  }
  client->start();
  auto asked = client->wait_for_state(uuid, JobState::kWaitingForChoice);
  ASSERT_EQ(asked->state, JobState::kWaitingForChoice) << asked->reason;
  EXPECT_TRUE(client->wait_for_event(ClientEvent::Kind::kPrompt, uuid));
  // Not even the server gets it without the user's answer: it may have printed already.
  start_server();
  ASSERT_TRUE(client->wait_for_online(true));
  // Not a pause but proof the client has worked with the server since: a later job goes there.
  auto later = must(client->submit_file(kTestPdf, "later.pdf"));
  EXPECT_EQ(client->wait_for_state(later.uuid, JobState::kAtServer)->state, JobState::kAtServer);
  EXPECT_EQ(client->daemon().job(uuid)->state, JobState::kWaitingForChoice);
  EXPECT_FALSE(must(office_.store().find_job(uuid)).has_value());
  EXPECT_EQ(raw_.received(), "");
  // The user says: print it again, through the server.
  ASSERT_TRUE(client->daemon().retry(uuid).ok());
  EXPECT_EQ(client->wait_for_state(uuid, JobState::kAtServer)->state, JobState::kAtServer);
}

}  // namespace
}  // namespace printline::testing

namespace printline::testing {
namespace {

TEST_F(ClientFallbackTest, D9_FallbackTestFromTheWorkstation_ReachableAcceptedOrWhyNot) {
  SimulatorConfig refuse;
  refuse.fault = SimulatedFault::kRefuse;
  PrinterSimulator gone(refuse);
  auto off = printer("off-raw", "socket://127.0.0.1:1",
                     model::DevicePort{model::PortProtocol::kRaw, gone.port(), ""});
  set_profile(true, {raw_printer_.id, off.id});
  auto client = client_for_alice(true);  // works from the cache with the server down
  auto rows = client->daemon().test_fallback(true);
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    if (row.printer == "hall-raw") {
      EXPECT_TRUE(row.reachable);
      ASSERT_TRUE(row.accepted.has_value());
      EXPECT_TRUE(*row.accepted) << row.message;
    } else {
      EXPECT_EQ(row.printer, "off-raw");
      EXPECT_FALSE(row.reachable);
      EXPECT_FALSE(row.accepted.has_value());
      EXPECT_FALSE(row.message.empty());
    }
  }
  EXPECT_FALSE(raw_.received().empty());
}

TEST_F(ClientFallbackTest, AccountedJobsLeaveNoDocumentInTheSpool) {
  set_profile(true, {raw_printer_.id});
  auto client = client_for_alice(true);
  auto job = must(client->submit_file(kTestPdf, "tidy.pdf"));
  ASSERT_EQ(client->wait_for_state(job.uuid, JobState::kPrintedOffline)->state,
            JobState::kPrintedOffline);
  EXPECT_TRUE(std::filesystem::exists(client->daemon().spool_dir() / job.uuid));
  start_server();
  ASSERT_EQ(client->wait_for_state(job.uuid, JobState::kAccounted)->state, JobState::kAccounted);
  // The document goes right after the state is recorded (the state is what must be durable).
  const auto document = client->daemon().spool_dir() / job.uuid;
  for (int i = 0; i < 100 && std::filesystem::exists(document); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(std::filesystem::exists(document));
}

}  // namespace
}  // namespace printline::testing

// ---- kill -9 of the real printline-client process ------------------------------------------

namespace printline::testing {
namespace {

// The printline-client program on a state directory, driven through its control socket.
class ClientProcess {
 public:
  ClientProcess(std::filesystem::path state, std::filesystem::path socket, std::string server,
                std::filesystem::path log, std::vector<std::string> extra_args = {})
      : state_(std::move(state)),
        socket_(std::move(socket)),
        server_(std::move(server)),
        log_(std::move(log)),
        extra_args_(std::move(extra_args)) {}

  void start() {
    std::vector<std::string> argv{PRINTLINE_CLIENT_BINARY, "--state", state_.string(), "--server",
                                  server_, "--control-socket", socket_.string(), "--heartbeat-ms",
                                  "200", "--log-level", "info"};
    argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
    process_ = std::make_unique<ChildProcess>(argv, log_);
    for (int i = 0; i < 200; ++i) {
      if (client::ControlSocketClient::connect(socket_).ok()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("printline-client did not open its control socket");
  }

  void signal(int number) { ASSERT_EQ(::kill(process_->pid(), number), 0); }
  bool running() { return process_->running(); }

  void kill9() {
    ::kill(process_->pid(), SIGKILL);
    process_->wait_for_exit(std::chrono::seconds(5));
    process_.reset();
  }

  nlohmann::json request(const client::ControlRequest& request, int fd = -1) {
    auto connection = client::ControlSocketClient::connect(socket_);
    if (!connection.ok()) throw std::runtime_error(connection.error().message);
    auto answer = connection->request(request, fd);
    if (!answer.ok()) throw std::runtime_error(answer.error().message);
    return *answer;
  }

  client::StatusView status() {
    client::ControlRequest ask;
    ask.command = client::ControlCommand::kStatus;
    return request(ask).at("status").get<client::StatusView>();
  }

  std::vector<client::JobView> jobs() {
    client::ControlRequest ask;
    ask.command = client::ControlCommand::kJobs;
    return request(ask).at("jobs").get<std::vector<client::JobView>>();
  }

  std::string submit(const std::filesystem::path& file, const std::string& title) {
    client::ControlRequest ask;
    ask.command = client::ControlCommand::kSubmit;
    ask.submit.title = title;
    ask.submit.submitted_by = "cli";
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    auto answer = request(ask, fd);
    ::close(fd);
    return answer.at("job").at("uuid").get<std::string>();
  }

  bool wait_for(const std::function<bool(const client::StatusView&)>& condition) {
    for (int i = 0; i < 300; ++i) {
      if (condition(status())) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  std::filesystem::path state_, socket_;
  std::string server_;
  std::filesystem::path log_;
  std::vector<std::string> extra_args_;
  std::unique_ptr<ChildProcess> process_;
};

// --log-file: the daemon logs to the file and, on logrotate's SIGHUP, reopens it under its
// name; the next job's lines go to the new file and none to the rotated one.
TEST_F(ClientFallbackTest, LogFileIsReopenedOnSighupAfterRotation) {
  TempDir dir("printline-client-log");
  const auto token = must(office_.store().issue_token(alice_.id, std::chrono::hours(1)));
  std::filesystem::create_directories(dir / "state");
  std::ofstream(dir / "state" / "token") << token.token << "\n";
  const auto log = dir / "client.log";
  ClientProcess client(dir / "state", dir / "control.sock", office_.base_url(), dir / "client.out",
                       {"--log-file", log.string()});
  client.start();
  ASSERT_TRUE(client.wait_for([](const auto& s) { return s.online; }));
  EXPECT_EQ(std::filesystem::status(log).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto rotated = std::filesystem::path(log.string() + ".1");
  std::filesystem::rename(log, rotated);  // what logrotate does before its postrotate
  client.signal(SIGHUP);
  ASSERT_TRUE(client.wait_for([&](const auto&) {
    return read_file(log).find("log file reopened") != std::string::npos;
  })) << "no new log file after SIGHUP";
  ASSERT_TRUE(client.running()) << "SIGHUP ended the client";
  const auto before = read_file(rotated);
  const auto uuid = client.submit(kTestPdf, "after-rotation");
  EXPECT_TRUE(client.wait_for(
      [&](const auto&) { return read_file(log).find(uuid) != std::string::npos; }));
  EXPECT_EQ(read_file(rotated), before);
}

// SPEC §5 "nothing lost": the client process is killed with SIGKILL at many moments while
// jobs print on fallback; after each restart nothing acknowledged is lost, and once the server
// is back every job has been printed at most once and charged at most once — exactly once for
// every job the client reports printed.
TEST_F(ClientFallbackTest, Kill9_ManyTimesDuringFallbackPrinting_NothingLostNothingTwice) {
  set_profile(true, {raw_printer_.id});
  TempDir dir("printline-client-kill");
  const auto token = must(office_.store().issue_token(alice_.id, std::chrono::hours(1)));
  std::filesystem::create_directories(dir / "state");
  std::ofstream(dir / "state" / "token") << token.token << "\n";
  ClientProcess client(dir / "state", dir / "control.sock", office_.base_url(), dir / "client.log");
  client.start();
  ASSERT_TRUE(client.wait_for([](const auto& s) { return s.online && s.fallback_enabled; }));
  stop_server();
  ASSERT_TRUE(client.wait_for([](const auto& s) { return !s.online; }));

  std::vector<std::string> acknowledged;
  for (int round = 0; round < 12; ++round) {
    acknowledged.push_back(client.submit(kTestPdf, "round-" + std::to_string(round)));
    // Kill at a different moment each round: at once, mid-routing, mid-send, after.
    std::this_thread::sleep_for(std::chrono::milliseconds(round * 7 % 40));
    client.kill9();
    client.start();
    ASSERT_TRUE(client.wait_for([](const auto& s) { return !s.online; }));
  }
  // Nothing acknowledged is lost.
  auto jobs = client.jobs();
  for (const auto& uuid : acknowledged) {
    EXPECT_TRUE(std::any_of(jobs.begin(), jobs.end(), [&](const client::JobView& j) {
      return j.uuid == uuid;
    })) << uuid;
  }
  start_server();
  ASSERT_TRUE(
      client.wait_for([](const auto& s) { return s.online && s.jobs_awaiting_accounting == 0; }));
  // Settled, instead of a pause: every job in a final state, and every job the server has
  // printed (and charged) by the server — a second print or charge would show in the counts.
  const auto settled = [&](const std::vector<client::JobView>& list) {
    return std::all_of(list.begin(), list.end(), [&](const client::JobView& j) {
      if (j.state == JobState::kAtServer) {
        auto stored = must(office_.store().find_job(j.uuid));
        return stored && stored->state == model::JobState::kPrinted;
      }
      return j.state == JobState::kAccounted || j.state == JobState::kWaitingForChoice;
    });
  };
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (jobs = client.jobs(); !settled(jobs) && std::chrono::steady_clock::now() < until;
       jobs = client.jobs()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string raw = raw_.received();
  int printed = 0;
  for (const auto& job : jobs) {
    const int on_fallback = occurrences(raw, "@PJL JOB NAME=\"" + job.uuid + "\"");
    const int charges = charges_for(job.uuid);
    switch (job.state) {
      case JobState::kAccounted:
        EXPECT_EQ(on_fallback, 1) << job.uuid;
        EXPECT_EQ(charges, 1) << job.uuid;
        ++printed;
        break;
      case JobState::kAtServer:
        EXPECT_EQ(on_fallback, 0) << job.uuid;
        EXPECT_EQ(charges, 1) << job.uuid;  // printed by the server, charged there once
        ++printed;
        break;
      case JobState::kWaitingForChoice:
        // Killed mid-send: may have printed (at most once); held for the user, never resent,
        // and not charged until the user says what happened.
        EXPECT_NE(job.reason.find("may have printed"), std::string::npos) << job.reason;
        EXPECT_LE(on_fallback, 1) << job.uuid;
        EXPECT_EQ(charges, 0) << job.uuid;
        break;
      default:
        ADD_FAILURE() << job.uuid << " ended " << client::job_state_name(job.state) << ": "
                      << job.reason;
    }
  }
  EXPECT_GT(printed, 0);
  std::cout << "kill -9 rounds: " << acknowledged.size() << " jobs, " << printed
            << " printed once, " << jobs.size() - printed << " held after an interrupted send\n";
  client.kill9();
}

}  // namespace
}  // namespace printline::testing
