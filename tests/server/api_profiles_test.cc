// Desktop Client profiles: D8 refusal and warning, and GET /me/profile with its ETag.

#include "server/api_test_fixture.h"

#include <algorithm>

#include "support/ipp_eve_printer_peer.h"

namespace printline::testing {
namespace {

nlohmann::json profile_with(std::vector<std::int64_t> printers, bool kx = false) {
  return {{"name", "default"},
          {"is_default", true},
          {"server_addresses", {"http://127.0.0.1:8631"}},
          {"fallback",
           {{"enabled", true},
            {"printer_ids", printers},
            {"port", {{"protocol", "RAW"}, {"port", 9100}, {"queue", ""}}},
            {"kx_integration", kx}}}};
}

TEST_F(ApiTest, ProfileWithKxIntegrationAndANonKyoceraPrinterIsRefusedWithTheField) {
  auto reply = admin_->post("/api/v1/profiles", profile_with({color_printer_}, true));
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(reply.error_code(), "invalid");
  EXPECT_EQ(reply.json["error"]["field"], "fallback.printers");
  EXPECT_NE(reply.json["error"]["message"].get<std::string>().find("floor2-color"),
            std::string::npos);
  EXPECT_FALSE(reply.json["error"]["details"].empty());
  EXPECT_EQ(admin_->get("/api/v1/profiles").json["profiles"].size(), 0u);
}

TEST_F(ApiTest, ProfileWithUnknownPrinterIsRefused) {
  auto reply = admin_->post("/api/v1/profiles", profile_with({9999}));
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.json["error"]["field"], "fallback.printer_ids");
}

TEST_F(ApiTest, KyoceraOnANonSpoolingPortIsSavedWithAWarningAndFlaggedForTheClient) {
  const auto kyocera = create_printer(
      {{"name", "kyocera-hall"}, {"device_uri", "socket://127.0.0.1:9100"}, {"vendor", "Kyocera"}});
  auto saved = admin_->post("/api/v1/profiles", profile_with({kyocera, color_printer_}));
  ASSERT_EQ(saved.status, 201) << saved.body;
  ASSERT_EQ(saved.json["warnings"].size(), 1u);
  EXPECT_NE(saved.json["warnings"][0]["message"].get<std::string>().find("counted twice"),
            std::string::npos);

  auto mine = alice_->get("/api/v1/me/profile");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto& printers = mine.json["fallback_printers"];
  ASSERT_EQ(printers.size(), 2u);
  EXPECT_EQ(printers[0]["printer"]["name"], "kyocera-hall");
  EXPECT_EQ(printers[0]["may_be_counted_twice"], true);
  EXPECT_TRUE(printers[0]["warning"].is_string());
  EXPECT_EQ(printers[1]["may_be_counted_twice"], false);
  EXPECT_EQ(printers[1]["device_uri"], "socket://127.0.0.1:9100");

  // A fallback job on it is flagged in accounting (D8).
  auto up = upload(*alice_, {offline_job(new_job_uuid(), "kyocera-hall")});
  ASSERT_EQ(up.json["accepted"], 1) << up.body;
  EXPECT_EQ(up.json["results"][0]["job"]["may_be_counted_twice"], true);
}

TEST_F(ApiTest, KyoceraSpoolingPortIsTheEffectiveFallbackAddress) {
  const auto kyocera = create_printer(
      {{"name", "kyocera-spool"},
       {"device_uri", "ipp://10.1.2.3:631/ipp/print"},
       {"vendor", "KYOCERA"},
       {"spooling_port", {{"protocol", "LPR"}, {"port", 5515}, {"queue", "spool"}}}});
  ASSERT_EQ(admin_->post("/api/v1/profiles", profile_with({kyocera}, true)).status, 201);
  auto mine = alice_->get("/api/v1/me/profile");
  ASSERT_EQ(mine.status, 200);
  const auto& entry = mine.json["fallback_printers"][0];
  EXPECT_EQ(entry["device_uri"], "lpd://10.1.2.3:5515/spool");
  EXPECT_EQ(entry["spooling_port"], true);
  EXPECT_EQ(entry["usable"], true);
}

// D8 on a change of printers: today's change would leave the KX-integrated profile with a
// printer that has no device spooling port, so it is refused, naming the profile.
TEST_F(ApiTest, RemovingTheSpoolingPortOfAKxProfilesPrinterIsRefusedNamingTheProfile) {
  const auto kyocera = create_printer(
      {{"name", "kyocera-spool"},
       {"device_uri", "ipp://10.1.2.3:631/ipp/print"},
       {"vendor", "Kyocera"},
       {"spooling_port", {{"protocol", "LPR"}, {"port", 5515}, {"queue", "spool"}}}});
  ASSERT_EQ(admin_->post("/api/v1/profiles", profile_with({kyocera}, true)).status, 201);

  auto refused = admin_->patch("/api/v1/printers/kyocera-spool", {{"spooling_port", nullptr}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json["error"]["field"], "profiles");
  const auto message = refused.json["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("profile \"default\""), std::string::npos) << message;
  EXPECT_NE(message.find("kyocera-spool"), std::string::npos) << message;
  EXPECT_FALSE(admin_->get("/api/v1/printers/kyocera-spool").json["spooling_port"].is_null());

  // A change that breaks nothing is saved.
  auto saved = admin_->patch("/api/v1/printers/kyocera-spool", {{"location", "hall"}});
  EXPECT_EQ(saved.status, 200) << saved.body;
}

TEST_F(ApiTest, AddingANonSpoolingPrinterToAKxProfilesGroupIsRefusedNamingTheProfile) {
  const auto kyocera = create_printer(
      {{"name", "kyocera-spool"},
       {"device_uri", "ipp://10.1.2.3:631/ipp/print"},
       {"vendor", "Kyocera"},
       {"spooling_port", {{"protocol", "LPR"}, {"port", 5515}, {"queue", "spool"}}}});
  auto group = admin_->post("/api/v1/groups", {{"name", "hall"}, {"printer_ids", {kyocera}}});
  ASSERT_EQ(group.status, 201) << group.body;
  auto profile = profile_with({}, true);
  profile["fallback"].erase("printer_ids");
  profile["fallback"]["group_id"] = group.json["id"];
  ASSERT_EQ(admin_->post("/api/v1/profiles", profile).status, 201);

  auto refused =
      admin_->patch("/api/v1/groups/hall", {{"printer_ids", {kyocera, color_printer_}}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.json["error"]["message"].get<std::string>().find("profile \"default\""),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(admin_->get("/api/v1/groups/hall").json["printer_ids"].size(), 1u);
}

// D11: a printer's language and capabilities through the API.
TEST_F(ApiTest, APrintersLanguageAndPaperSizesAreSavedAndChecked) {
  auto created = admin_->post("/api/v1/printers", {{"name", "floor3-pxl"},
                                                   {"device_uri", "socket://127.0.0.1:9100"},
                                                   {"language", "pcl-xl"},
                                                   {"duplex", true},
                                                   {"paper_sizes", {"A4", "A3"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto read = admin_->get("/api/v1/printers/floor3-pxl");
  EXPECT_EQ(read.json["language"], "pcl-xl");
  EXPECT_EQ(read.json["paper_sizes"], nlohmann::json({"A4", "A3"}));
  auto bad = admin_->patch("/api/v1/printers/floor3-pxl", {{"language", "escp"}});
  EXPECT_GE(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("escp"), std::string::npos) << bad.body;
  EXPECT_EQ(admin_->get("/api/v1/printers/floor3-pxl").json["language"], "pcl-xl");
}

// D11: an IPP printer says what it can do; the server keeps the answer with the printer.
TEST_F(ApiTest, AnIppPrintersCapabilitiesAreAskedAndKept) {
  IppEvePrinterPeer printer("printline-caps", false, {"-2", "-s", "10,10"});  // duplex, colour
  create_printer({{"name", "floor4-ipp"}, {"device_uri", printer.uri()}});
  auto refreshed = admin_->post("/api/v1/printers/floor4-ipp/capabilities");
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(refreshed.json["color"], true);
  EXPECT_EQ(refreshed.json["duplex"], true);
  const auto papers = refreshed.json["paper_sizes"];
  EXPECT_NE(std::find(papers.begin(), papers.end(), "A4"), papers.end()) << papers.dump();
  EXPECT_FALSE(refreshed.json["document_formats"].empty());
  EXPECT_EQ(admin_->get("/api/v1/printers/floor4-ipp").json["duplex"], true);

  // A RAW printer cannot be asked: the answer says so and nothing changes.
  auto raw = admin_->post("/api/v1/printers/floor1-mono/capabilities");
  EXPECT_EQ(raw.status, 409) << raw.body;
  EXPECT_NE(raw.body.find("not an IPP printer"), std::string::npos) << raw.body;
}

// D10: the answer timeout, 5 s unless set, bounded 1..120 s, reaches the client with the profile.
TEST_F(ApiTest, TheAnswerTimeoutIsFiveSecondsUnlessSetBoundedAndSentToTheClient) {
  auto saved = admin_->post("/api/v1/profiles", profile_with({color_printer_}));
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_EQ(saved.json["profile"]["answer_timeout_s"], 5);
  for (int bad : {0, 121}) {
    auto refused = admin_->patch("/api/v1/profiles/default", {{"answer_timeout_s", bad}});
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json["error"]["field"], "answer_timeout_s") << refused.body;
  }
  ASSERT_EQ(admin_->patch("/api/v1/profiles/default", {{"answer_timeout_s", 12}}).status, 200);
  EXPECT_EQ(alice_->get("/api/v1/me/profile").json["profile"]["answer_timeout_s"], 12);
}

TEST_F(ApiTest, MyProfileHasAnETagAndAnswers304UntilItChanges) {
  EXPECT_EQ(alice_->get("/api/v1/me/profile").error_code(), "no-profile");
  auto saved = admin_->post("/api/v1/profiles", profile_with({color_printer_}));
  ASSERT_EQ(saved.status, 201) << saved.body;

  auto first = alice_->get("/api/v1/me/profile");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = alice_->get("/api/v1/me/profile", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  ASSERT_EQ(admin_->patch("/api/v1/profiles/default", {{"heartbeat_interval_s", 20}}).status, 200);
  auto changed = alice_->get("/api/v1/me/profile", {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("ETag"), etag);
  EXPECT_EQ(changed.json["profile"]["heartbeat_interval_s"], 20);
  EXPECT_GT(changed.json["profile"]["version"].get<int>(),
            first.json["profile"]["version"].get<int>());

  // A printer's new address changes the answer, hence the ETag, without a profile version.
  ASSERT_EQ(
      admin_->patch("/api/v1/printers/floor2-color", {{"device_uri", "socket://127.0.0.2:9100"}})
          .status,
      200);
  auto moved = alice_->get("/api/v1/me/profile", {{"If-None-Match", changed.header("ETag")}});
  EXPECT_EQ(moved.status, 200);
  EXPECT_EQ(moved.json["fallback_printers"][0]["device_uri"], "socket://127.0.0.2:9100");
}

}  // namespace
}  // namespace printline::testing
