// POST /api/v1/jobs/{uuid}/refund: an administrator gives a charged job's cost back, once,
// with a reason that lands in the ledger and the audit log.

#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

TEST_F(ApiTest, AdministratorRefundsAChargedJobOnce) {
  ASSERT_EQ(admin_->post("/api/v1/users/alice/top-up", {{"amount_cents", 1000}}).status, 200);
  const auto uuid = new_job_uuid();
  ASSERT_EQ(upload(*alice_, {offline_job(uuid, color_printer_)}).json["accepted"], 1);
  ASSERT_EQ(balance_of(*alice_), 940);  // 10 + 50 cents charged
  const std::string path = "/api/v1/jobs/" + uuid + "/refund";

  auto own = alice_->post(path, {{"reason", "it jammed"}});
  EXPECT_EQ(own.status, 403) << own.body;  // only administrators refund
  auto no_reason = admin_->post(path, nlohmann::json::object());
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(no_reason.json["error"]["field"], "reason");
  EXPECT_EQ(balance_of(*alice_), 940);

  auto refund = admin_->post(path, {{"reason", "paper jam on floor2"}});
  ASSERT_EQ(refund.status, 200) << refund.body;
  EXPECT_EQ(refund.json["entry"]["kind"], "refund");
  EXPECT_EQ(refund.json["entry"]["amount_cents"], 60);
  EXPECT_EQ(refund.json["entry"]["job_uuid"], uuid);
  EXPECT_EQ(refund.json["entry"]["note"], "paper jam on floor2");
  EXPECT_EQ(refund.json["balance_cents"], 1000);
  EXPECT_EQ(refund.json["job"]["uuid"], uuid);
  EXPECT_EQ(balance_of(*alice_), 1000);

  auto again = admin_->post(path, {{"reason", "once more"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.json["error"]["message"].get<std::string>().find("already been refunded"),
            std::string::npos);
  EXPECT_EQ(balance_of(*alice_), 1000);

  auto ledger = admin_->get("/api/v1/users/alice/ledger");
  int refunds = 0;
  for (const auto& entry : ledger.json["entries"]) refunds += entry["kind"] == "refund";
  EXPECT_EQ(refunds, 1);
  auto audit = admin_->get("/api/v1/audit?limit=20");
  bool audited = false;
  for (const auto& entry : audit.json["entries"]) {
    audited = audited || (entry["action"] == "refund" && entry.value("object_name", "") == uuid);
  }
  EXPECT_TRUE(audited) << audit.body;
}

TEST_F(ApiTest, RefundOfAnUnknownJobIs404) {
  auto reply = admin_->post("/api/v1/jobs/" + new_job_uuid() + "/refund", {{"reason", "x"}});
  EXPECT_EQ(reply.status, 404) << reply.body;
  auto bad = admin_->post("/api/v1/jobs/not-a-uuid/refund", {{"reason", "x"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
}

}  // namespace
}  // namespace printline::testing
