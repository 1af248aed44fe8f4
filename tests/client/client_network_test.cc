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
#include "model/ledger_entry.h"
#include "server/running_server.h"
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
    server_ = std::make_unique<RunningServer>([this](server::ServerConfig& config) {
      config.data_dir = data_.path() / "data";
    });
    store_ = must(store::open_sqlite_store((data_.path() / "data" / "printline.db").string()));
    model::User carol;
    carol.login = "carol";
    carol.name = "Carol";
    carol_ = must(store_->create_user(carol, kPassword, store::system_actor()));
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    must(store_->set_price_list(prices, store::system_actor()));
    model::Printer printer;
    printer.name = "corridor";
    printer.device_uri = sink_.uri();
    printer = must(store_->create_printer(printer, store::system_actor()));
    model::ClientProfile profile;
    profile.name = "office";
    profile.is_default = true;
    profile.server_addresses = {server_->base_url()};
    profile.connect_timeout = kConnectTimeout;
    profile.fallback.enabled = true;
    profile.fallback.printer_ids = {printer.id};
    profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, sink_.port(), ""};
    must(store_->create_profile(profile, store::system_actor()));
  }

  int charges_for(const std::string& uuid) {
    int count = 0;
    for (const auto& entry : must(store_->ledger_of(carol_.id))) {
      if (entry.kind == model::LedgerKind::kCharge && entry.job_uuid == uuid) ++count;
    }
    return count;
  }

  TempDir data_{"printline-network-test"};
  RawSinkPeer sink_;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<store::Store> store_;
  model::User carol_;
};

TEST_F(ClientNetworkTest, D1_ServerDroppingPackets_FallbackAfterOneConnectTimeout_ThenAccountedOnce) {
  // A heartbeat far away, so the job itself meets the silent server.
  RunningClient client(server_->base_url(), [](client::ClientConfig& config) {
    config.connect_timeout = kConnectTimeout;
    config.heartbeat_interval = std::chrono::hours(1);
  });
  client.login("carol", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));

  std::string uuid;
  {
    DroppedPort silent(server_->port());
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
    EXPECT_LT(waited, kConnectTimeout * 3) << "waited "
        << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() << " ms";
    EXPECT_FALSE(client.daemon().status().online);
    EXPECT_FALSE(client.daemon().status().last_error.empty());
  }
  // The packets flow again: the next contact finds the server and the job is accounted.
  client.daemon().check_server_now();
  auto accounted = client.wait_for_state(uuid, JobState::kAccounted, std::chrono::seconds(30));
  ASSERT_TRUE(accounted);
  ASSERT_EQ(accounted->state, JobState::kAccounted) << accounted->reason;
  auto at_server = must(store_->find_job(uuid));
  ASSERT_TRUE(at_server);
  EXPECT_EQ(at_server->origin, model::JobOrigin::kFallback);
  EXPECT_EQ(charges_for(uuid), 1);
}

TEST_F(ClientNetworkTest, D1_HeartbeatAgainstASilentServer_GoesOfflineThenJobsDoNotWait) {
  RunningClient client(server_->base_url(), [](client::ClientConfig& config) {
    config.connect_timeout = kConnectTimeout;
    config.heartbeat_interval = std::chrono::milliseconds(300);
  });
  client.login("carol", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));
  DroppedPort silent(server_->port());
  ASSERT_TRUE(silent.active()) << silent.error();
  ASSERT_TRUE(client.wait_for_online(false, std::chrono::seconds(15)));
  // Known down: the job goes to the fallback printer without another connect timeout.
  const auto submitted = Clock::now();
  auto job = must(client.submit_file(kTestPdf, "known-down.pdf"));
  auto printed = client.wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_LT(Clock::now() - submitted, kConnectTimeout);
}

}  // namespace
}  // namespace printline::testing
