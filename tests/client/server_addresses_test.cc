// D1 with the profile's server addresses: the client starts knowing one address (its command
// line), learns the profile's list at login, and from then on tries those addresses in order
// before falling back — also when the address it started with is the one that is down.

#include <gtest/gtest.h>

#include "client/running_client.h"
#include "client/test_office.h"
#include "support/loopback_port.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"

namespace printline::testing {
namespace {

using client::JobState;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
constexpr const char* kPassword = "ivan-password-1";

std::string url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

TEST(ServerAddresses, D1_TheProfilesAddressesAreTriedInOrder_NotOnlyTheConfiguredOne) {
  RawSinkPeer fallback_sink;
  TestOffice office;
  const int first_port = office.port();
  const int second_port = pick_free_port();
  office.add_user("ivan", 1000, kPassword);
  model::ClientProfile profile;
  profile.name = "office";
  profile.is_default = true;
  profile.server_addresses = {url(first_port), url(second_port)};
  profile.fallback.enabled = true;
  profile.fallback.printer_ids = {office.add_printer("fallback-raw", fallback_sink).id};
  profile.fallback.port = model::DevicePort{model::PortProtocol::kRaw, fallback_sink.port(), ""};
  office.add_profile(profile);

  RunningClient client(url(first_port));  // the only address it is given
  client.login("ivan", kPassword);
  ASSERT_TRUE(client.wait_for_online(true));

  // The server moves to the profile's second address (another node, or the same one after a
  // move); the first no longer answers.
  office.stop_server();
  office.start_server(second_port);
  // A heartbeat or a request that met the moment between the two may have found no server at
  // all and left the client offline (rightly, D1); the next contact must find the second
  // address, which the client was never given.
  client.daemon().check_server_now();
  ASSERT_TRUE(client.wait_for_online(true));
  auto job = must(client.submit_file(kTestPdf, "second address"));
  auto done = client.wait_for_state(job.uuid, JobState::kAtServer);
  ASSERT_TRUE(done);
  ASSERT_EQ(done->state, JobState::kAtServer) << done->reason;
  EXPECT_NE(done->reason.find(url(second_port)), std::string::npos) << done->reason;
  EXPECT_EQ(fallback_sink.received(), "");
}

}  // namespace
}  // namespace printline::testing
