// Attacks on the ledger and the API by a plain user with nothing but their own account
// (docs/security.md, D12): absurd counts, overflowing prices, jobs dated outside the outage,
// printers the profile does not allow, another user's client report, credentials in device
// URIs (json_input_test.cc: what the JSON itself may be). Each against a real
// server, asserting the refusal and that nothing was charged.

#include "security/ledger_attack_fixture.h"

namespace printline::testing {
namespace {

TEST_F(LedgerAttackTest, AnUploadOf922337203685477580PagesIsRefusedAndNothingIsCharged) {
  auto reply = upload(*alice_, {job(office_, std::int64_t{922337203685477580})});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["rejected"], 1);
  EXPECT_EQ(reply.json["results"][0]["status"], "rejected");
  EXPECT_EQ(reply.json["results"][0]["reason"], "out-of-bounds") << reply.body;
  EXPECT_EQ(balance(*alice_), 0);
  EXPECT_EQ(jobs_of(*alice_), 0u);
  // The reports still answer for everyone.
  EXPECT_EQ(admin_->get("/api/v1/reports/user").status, 200);
}

TEST_F(LedgerAttackTest, EachOutOfBoundsJobIsRefusedWithItsReasonAndOnlyTheGoodOneCharged) {
  auto far_future = job(office_, 1);
  far_future["printed_at"] = model::format_timestamp(model::now_seconds() + std::chrono::days(1));
  auto unsigned_pages = job(office_, 1);
  unsigned_pages["pages"] = std::uint64_t{18446744073709551615u};
  auto reply = upload(*alice_, {job(office_, 100'001), job(office_, 2, 1000), job(office_, 2, json(0)),
                                job(office_, 2.5), unsigned_pages, far_future,
                                job(office_, 1, 1, std::chrono::days(400)),
                                job("elsewhere", 1), job(office_, 3, 2)});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto& r = reply.json["results"];
  EXPECT_EQ(r[0]["reason"], "out-of-bounds");  // pages > 100,000
  EXPECT_EQ(r[1]["reason"], "out-of-bounds");  // copies > 999
  EXPECT_EQ(r[2]["reason"], "out-of-bounds") << r[2];  // copies < 1
  EXPECT_EQ(r[3]["reason"], "out-of-bounds");  // not a whole number
  EXPECT_EQ(r[4]["reason"], "out-of-bounds");  // 2^64 - 1
  EXPECT_EQ(r[5]["reason"], "printed-at-outside-outage");
  EXPECT_EQ(r[6]["reason"], "printed-at-outside-outage");
  EXPECT_EQ(r[7]["reason"], "not-a-fallback-printer");
  EXPECT_EQ(r[8]["status"], "accepted") << reply.body;
  EXPECT_EQ(reply.json["accepted"], 1);
  EXPECT_EQ(balance(*alice_), -60);  // 3 mono pages × 2 copies × 10 c, nothing else
  EXPECT_EQ(jobs_of(*alice_), 1u);
}

TEST_F(LedgerAttackTest, APriceThatOverflowsIsRefusedNotWrapped) {
  // 100,000 A3 pages × 999 copies × 2^50 cents does not fit in 64 bits.
  auto overflow = job(office_, 100'000, 999);
  overflow["paper"] = "A3";
  auto reply = upload(*alice_, {overflow});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json["results"][0]["status"], "rejected");
  EXPECT_NE(reply.json["results"][0]["message"].get<std::string>().find("ledger"),
            std::string::npos)
      << reply.body;
  EXPECT_EQ(balance(*alice_), 0);
}

TEST_F(LedgerAttackTest, DeviceUriCredentialsAreShownOnlyToAdministrators) {
  auto mine = alice_->get("/api/v1/printers");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body.find("s3cret"), std::string::npos) << mine.body;
  bool seen = false;
  for (const auto& printer : mine.json["printers"]) {
    if (printer["name"] == "office") {
      EXPECT_EQ(printer["device_uri"], "ipp://redacted@127.0.0.1:631/ipp/print");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(alice_->get("/api/v1/printers/office").body.find("s3cret"), std::string::npos);
  auto profile = alice_->get("/api/v1/me/profile");
  ASSERT_EQ(profile.status, 200) << profile.body;
  EXPECT_EQ(profile.body.find("s3cret"), std::string::npos) << profile.body;
  EXPECT_EQ(admin_->get("/api/v1/printers/office").json["device_uri"], kSecretUri);
}

TEST_F(LedgerAttackTest, AnotherUsersClientReportCannotBeOverwrittenNorTheTotalOverflow) {
  auto put = [](ApiClient& who, json body) {
    return who.call("PUT", "/api/v1/me/client-report", body);
  };
  ASSERT_EQ(put(*alice_, {{"client_id", "ws-alice"}, {"hostname", "ws-1"},
                          {"fallback_jobs_awaiting_upload", 3}})
                .status,
            200);
  // Bob sends alice's client id: it becomes his own row, hers is untouched.
  ASSERT_EQ(put(*bob_, {{"client_id", "ws-alice"}, {"hostname", "forged"},
                        {"fallback_jobs_awaiting_upload", 0}})
                .status,
            200);
  auto huge = put(*bob_, {{"client_id", "ws-bob"}, {"fallback_jobs_awaiting_upload", INT64_MAX}});
  EXPECT_EQ(huge.status / 100, 4) << huge.body;
  auto typed = put(*bob_, {{"client_id", json::array({1, 2})}, {"fallback_jobs_awaiting_upload", 1}});
  EXPECT_EQ(typed.status / 100, 4) << typed.body;

  auto list = admin_->get("/api/v1/admin/client-reports");
  ASSERT_EQ(list.status, 200) << list.body;
  int alices = 0;
  for (const auto& row : list.json["clients"]) {
    if (row["login"] == "alice") {
      ++alices;
      EXPECT_EQ(row["hostname"], "ws-1");
      EXPECT_EQ(row["fallback_jobs_awaiting_upload"], 3);
    }
  }
  EXPECT_EQ(alices, 1);
  EXPECT_EQ(list.json["fallback_jobs_awaiting_upload"], 3);
  EXPECT_EQ(list.json["total_saturated"], false);
}

}  // namespace
}  // namespace printline::testing
