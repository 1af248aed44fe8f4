// D1 with a server that does not answer at all: the whole test program runs in a network
// namespace of its own (only a loopback interface), where nftables drops every packet to the
// server's port — the server is up, but its SYNs vanish, as behind a dead link or a firewall.
// The client must give up after the profile's connect timeout, once, print on the fallback
// printer, and account the job when the packets flow again. Nothing outside the namespace is
// reached or changed.

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "client/running_client.h"
#include "client/test_office.h"
#include "model/ledger_entry.h"
#include "store/store.h"
#include "support/must.h"
#include "support/network_namespace.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;
using Clock = std::chrono::steady_clock;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "carol-password-1";
constexpr std::chrono::milliseconds kConnectTimeout{1500};

// The namespace is entered before gtest runs any test, while the program has one thread.
class PrivateNetwork : public ::testing::Environment {
 public:
  void SetUp() override { error_ = enter_private_network_namespace(); }
  static const std::string& error() { return error_; }

 private:
  static inline std::string error_;
};
const auto* const kPrivateNetwork = ::testing::AddGlobalTestEnvironment(new PrivateNetwork);

class ClientNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!PrivateNetwork::error().empty()) {
      GTEST_SKIP() << "no private network namespace: " << PrivateNetwork::error();
    }
    office_ = std::make_unique<TestOffice>();
    carol_ = office_->add_user("carol", 0, kPassword);
    const model::Printer printer = office_->add_printer("corridor", sink_);
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.connect_timeout = kConnectTimeout;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {printer.id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, sink_.port(), ""};
    office_->add_profile(profile);
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(office_->store().ledger_of(carol_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  RawSinkPeer sink_;
  std::unique_ptr<TestOffice> office_;  // in the private network, once it is there
  model::User carol_;
};

TEST_F(ClientNetworkTest,
       D1_ServerDroppingPackets_FallbackAfterOneConnectTimeout_ThenAccountedOnce) {
  // A heartbeat far away, so the job itself meets the silent server.
  RunningClient client(office_->base_url(), [](client::ClientConfig& config) {
    config.connect_timeout = kConnectTimeout;
    config.heartbeat_interval = std::chrono::hours(1);
  });
  client.login("carol", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));

  std::string uuid;
  {
    DroppedPort silent(office_->port());
    ASSERT_TRUE(silent.active()) << silent.error();
    const auto submitted = Clock::now();
    auto job = must(client.submit_file(kTestPdf, "through-the-silence.pdf"));
    uuid = job.uuid;
    auto printed = client.wait_for_state(uuid, JobState::kPrintedOffline, std::chrono::seconds(30));
    const auto waited = Clock::now() - submitted;
    ASSERT_TRUE(printed);
    ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
    EXPECT_EQ(printed->printer, "corridor");
    // One connect timeout, not a read timeout (30 s) nor one per retry.
    EXPECT_GE(waited, kConnectTimeout);
    EXPECT_LT(waited, kConnectTimeout * 3)
        << "waited " << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()
        << " ms";
    EXPECT_FALSE(client.daemon().status().online);
    EXPECT_FALSE(client.daemon().status().last_error.empty());
  }
  // The packets flow again: the next contact finds the server and the job is accounted.
  client.daemon().check_server_now();
  auto accounted = client.wait_for_state(uuid, JobState::kAccounted, std::chrono::seconds(30));
  ASSERT_TRUE(accounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(office_->store().find_job(uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(charges_for(uuid), 1);
}

TEST_F(ClientNetworkTest, D1_HeartbeatAgainstASilentServer_GoesOfflineThenJobsDoNotWait) {
  RunningClient client(office_->base_url(), [](client::ClientConfig& config) {
    config.connect_timeout = kConnectTimeout;
    config.heartbeat_interval = std::chrono::milliseconds(300);
  });
  client.login("carol", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));
  DroppedPort silent(office_->port());
  ASSERT_TRUE(silent.active()) << silent.error();
  ASSERT_TRUE(client.wait_for_online(false, std::chrono::seconds(15)));
  // Known down: the job goes to the fallback printer without trying the server again (no
  // connect timeout to wait). Proved by the job's own states, not by a clock: the outbox's
  // writes may take seconds on a loaded machine.
  auto job = must(client.submit_file(kTestPdf, "known-down.pdf"));
  auto printed = client.wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  for (const auto& event : client.events()) {
    if (event.kind != client::ClientEvent::Kind::kJobChanged || !event.job) continue;
    if (event.job->uuid != job.uuid) continue;
    EXPECT_NE(event.job->state, JobState::kSendingToServer) << "the job was sent to the server";
  }
}

}  // namespace
}  // namespace printline::testing
