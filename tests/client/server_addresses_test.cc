// D1 with the profile's server addresses: the client starts knowing one address (its command
// line), learns the profile's list at login, and from then on tries those addresses in order
// before falling back — also when the address it started with is the one that is down.

#include <gtest/gtest.h>

#include "client/running_client.h"
#include "server/running_server.h"
#include "store/store.h"
#include "support/loopback_port.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using client::JobState;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "ivan-password-1";

std::string url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

TEST(ServerAddresses, D1_TheProfilesAddressesAreTriedInOrder_NotOnlyTheConfiguredOne) {
  TempDir data("printline-addresses");
  RawSinkPeer server_sink, fallback_sink;
  const int first_port = pick_free_port();
  const int second_port = pick_free_port();
  auto server = std::make_unique<RunningServer>([&](server::ServerConfig& config) {
    config.data_dir = data.path() / "data";
    config.listen_port = first_port;
  });
  auto store = must(store::open_sqlite_store((data.path() / "data" / "printline.db").string()));
  model::User ivan;
  ivan.login = "ivan";
  ivan = must(store->create_user(ivan, kPassword, store::system_actor()));
  must(store->top_up(ivan.id, 1000, "test", store::system_actor()));
  model::PriceList prices;
  prices.prices.push_back({model::PaperSize::kA4, false, 10});
  prices.prices.push_back({model::PaperSize::kA4, true, 10});
  prices.prices.push_back({model::PaperSize::kLetter, false, 10});
  prices.prices.push_back({model::PaperSize::kLetter, true, 10});
  must(store->set_price_list(prices, store::system_actor()));
  model::Printer on_server;
  on_server.name = "server-raw";
  on_server.device_uri = server_sink.uri();
  on_server = must(store->create_printer(on_server, store::system_actor()));
  model::PrintQueue queue;
  queue.name = "main";
  queue.printer_id = on_server.id;
  must(store->create_queue(queue, store::system_actor()));
  model::Printer fallback;
  fallback.name = "fallback-raw";
  fallback.device_uri = fallback_sink.uri();
  fallback = must(store->create_printer(fallback, store::system_actor()));
  model::ClientProfile profile;
  profile.name = "office";
  profile.is_default = true;
  profile.server_addresses = {url(first_port), url(second_port)};
  profile.fallback.enabled = true;
  profile.fallback.printer_ids = {fallback.id};
  profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink.port(), ""};
  must(store->create_profile(profile, store::system_actor()));

  RunningClient client(url(first_port));  // the only address it is given
  client.login("ivan", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));

  // The server moves to the profile's second address (another node, or the same one after a
  // move); the first no longer answers.
  server.reset();
  server = std::make_unique<RunningServer>([&](server::ServerConfig& config) {
    config.data_dir = data.path() / "data";
    config.listen_port = second_port;
  });
  auto job = must(client.submit_file(kTestPdf, "second address"));
  auto done = client.wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_TRUE(done);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  EXPECT_NE(done->reason.find(url(second_port)), std::string::npos) << done->reason;
  EXPECT_EQ(fallback_sink.received(), "");
}

}  // namespace
}  // namespace printline::testing
