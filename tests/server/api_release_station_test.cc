// Release stations through the API, with hostile guessing: a real cupsd (one queue stopped,
// as an administrator pauses a printer) says whether each IPP printer can print now, and a
// station that tries badge after badge is shut out, the right badge included.

#include "server/api_test_fixture.h"
#include "support/cupsd_peer.h"

namespace printline::testing {
namespace {

class ReleaseStationTest : public ApiTest {
 protected:
  // A station session for alice at `printer`, by login and PIN.
  std::unique_ptr<ApiClient> station_for_alice(const std::string& printer) {
    auto station = client();
    auto session = station->post("/api/v1/release-station/" + printer + "/session",
                                 {{"login", "alice"}, {"pin", "2468"}});
    EXPECT_EQ(session.status, 200) << session.body;
    station->use_token(session.json.value("token", ""));
    return station;
  }
};

TEST_F(ReleaseStationTest, AStoppedIppPrinterIsNotOfferedAndTheOtherPrintersOfItsGroupAre) {
  CupsdPeer cups({{"ready", "file:///dev/null"}, {"paused", "file:///dev/null", true}});
  const auto ready = create_printer({{"name", "hall-ready"}, {"device_uri", cups.queue_uri("ready")}});
  const auto paused =
      create_printer({{"name", "hall-paused"}, {"device_uri", cups.queue_uri("paused")}});
  ASSERT_EQ(admin_->post("/api/v1/groups", {{"name", "hall"}, {"printer_ids", {paused, ready}}})
                .status,
            201);
  ASSERT_EQ(admin_->post("/api/v1/users/alice/pin", {{"pin", "2468"}}).status, 204);

  auto at_paused = station_for_alice("hall-paused")->get("/api/v1/release-station/hall-paused/jobs");
  ASSERT_EQ(at_paused.status, 200) << at_paused.body;
  const auto& readiness = at_paused.json["printer"]["readiness"];
  EXPECT_EQ(readiness.value("ready", true), false) << readiness.dump();
  EXPECT_NE(readiness["problems"].dump().find("paused"), std::string::npos) << readiness.dump();
  EXPECT_EQ(readiness["others"], nlohmann::json({"hall-ready"}));

  auto at_ready = station_for_alice("hall-ready")->get("/api/v1/release-station/hall-ready/jobs");
  ASSERT_EQ(at_ready.status, 200) << at_ready.body;
  EXPECT_EQ(at_ready.json["printer"]["readiness"].value("ready", false), true)
      << at_ready.json.dump();
  // A RAW printer cannot say: it is offered.
  auto at_raw = station_for_alice("floor1-mono")->get("/api/v1/release-station/floor1-mono/jobs");
  EXPECT_EQ(at_raw.json["printer"]["readiness"].value("ready", false), true);
}

TEST_F(ReleaseStationTest, AStationTryingBadgeAfterBadgeIsShutOutEvenForTheRightOne) {
  ASSERT_EQ(admin_->post("/api/v1/users/alice/card", {{"card", "04A2B9C1"}}).status, 204);
  auto station = client();
  const std::string path = "/api/v1/release-station/floor1-mono/session";
  for (int i = 0; i < 20; ++i) {
    auto wrong = station->post(path, {{"card", "BADC0DE" + std::to_string(i)}});
    ASSERT_EQ(wrong.status, 401) << i << ": " << wrong.body;
  }
  auto locked = station->post(path, {{"card", "04A2B9C1"}});
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.header("Retry-After").empty());
  EXPECT_NE(locked.json["error"].value("message", "").find("Wait"), std::string::npos);
  // Her password log-in is another door, with its own limits.
  EXPECT_EQ(client()->login("alice", kUserPassword).status, 200);
  // A badge number is never an id: the unknown-printer answer says how the address goes.
  auto nowhere = station->post("/api/v1/release-station/no-such-printer/session",
                               {{"card", "04A2B9C1"}});
  EXPECT_EQ(nowhere.status, 404);
}

}  // namespace
}  // namespace printline::testing
