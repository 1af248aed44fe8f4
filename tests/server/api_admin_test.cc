// Administrators' objects through the API: users, groups, queues, price list, reports, audit.

#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

TEST_F(ApiTest, AdministratorManagesUsers) {
  auto created =
      admin_->post("/api/v1/users", {{"login", "carol"},
                                     {"password", "carol-password"},
                                     {"role", "user"},
                                     {"quota", {{"period", "month"}, {"page_limit", 100}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["quota"]["page_limit"], 100);
  EXPECT_EQ(admin_->post("/api/v1/users", {{"login", "dave"}, {"password", "short"}}).status, 422);

  auto promoted = admin_->patch("/api/v1/users/carol", {{"role", "admin"}, {"email", "c@x.org"}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json["role"], "admin");
  EXPECT_EQ(promoted.json["email"], "c@x.org");

  auto topped =
      admin_->post("/api/v1/users/carol/top-up", {{"amount_cents", 500}, {"note", "cash"}});
  ASSERT_EQ(topped.status, 200) << topped.body;
  EXPECT_EQ(topped.json["user"]["balance_cents"], 500);
  EXPECT_EQ(admin_->post("/api/v1/users/carol/top-up", {{"amount_cents", -5}}).status, 422);

  auto carol = client();
  ASSERT_EQ(carol->login("carol", "carol-password").status, 200);
  EXPECT_EQ(admin_->post("/api/v1/users/carol/password", {{"password", "new-password-9"}}).status,
            204);
  EXPECT_EQ(carol->get("/api/v1/me").status, 401);  // reset revokes the old sessions
  EXPECT_EQ(carol->login("carol", "new-password-9").status, 200);

  EXPECT_EQ(admin_->post("/api/v1/users/carol/pin", {{"pin", "1234"}}).status, 204);
  EXPECT_EQ(admin_->get("/api/v1/users/carol").json["has_pin"], true);
  // Carol has ledger entries, which accounting keeps: refused with the store's reason.
  auto kept = admin_->call("DELETE", "/api/v1/users/carol");
  EXPECT_EQ(kept.status, 409);
  EXPECT_NE(kept.json["error"]["message"].get<std::string>().find("ledger"), std::string::npos);
  create_user("erin");
  EXPECT_EQ(admin_->call("DELETE", "/api/v1/users/erin").status, 204);
  EXPECT_EQ(admin_->get("/api/v1/users/erin").status, 404);
  EXPECT_EQ(admin_->get("/api/v1/users/nobody").error_code(), "not-found");
}

TEST_F(ApiTest, AdministratorManagesGroupsQueuesAndPrices) {
  auto group = admin_->post("/api/v1/groups",
                            {{"name", "floors"}, {"printer_ids", {color_printer_, mono_printer_}}});
  ASSERT_EQ(group.status, 201) << group.body;
  EXPECT_EQ(admin_->post("/api/v1/groups", {{"name", "bad"}, {"printer_ids", {999}}}).status, 422);

  auto queue = admin_->post(
      "/api/v1/queues", {{"name", "direct"}, {"kind", "direct"}, {"group_id", group.json["id"]}});
  ASSERT_EQ(queue.status, 201) << queue.body;
  auto bad_queue = admin_->post("/api/v1/queues", {{"name", "orphan"}, {"kind", "direct"}});
  EXPECT_EQ(bad_queue.status, 422);
  EXPECT_EQ(bad_queue.json["error"]["field"], "kind");  // a direct queue needs a target
  auto bad_name = admin_->post("/api/v1/queues", {{"name", "a/b"}, {"kind", "hold"}});
  EXPECT_EQ(bad_name.status, 422);
  EXPECT_EQ(bad_name.json["error"]["field"], "name");
  EXPECT_EQ(alice_->get("/api/v1/queues").json["queues"].size(), 1u);
  EXPECT_EQ(alice_->get("/api/v1/queues/direct").status, 200);

  auto bad_prices = admin_->call(
      "PUT", "/api/v1/price-list",
      nlohmann::json{{"prices", nlohmann::json::array()}, {"duplex_discount_percent", 150}});
  EXPECT_EQ(bad_prices.status, 422);
  EXPECT_EQ(bad_prices.json["error"]["field"], "duplex_discount_percent");
  EXPECT_EQ(alice_->get("/api/v1/price-list").json["duplex_discount_percent"], 50);

  EXPECT_EQ(admin_->call("DELETE", "/api/v1/queues/direct").status, 204);
  EXPECT_EQ(admin_->call("DELETE", "/api/v1/groups/floors").status, 204);

  auto audit = admin_->get("/api/v1/audit?limit=5");
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json["entries"].size(), 5u);
  EXPECT_EQ(audit.json["entries"][0]["actor"], "admin");
}

TEST_F(ApiTest, ReportsAsJsonAndCsv) {
  ASSERT_EQ(upload(*alice_, {offline_job(new_job_uuid(), color_printer_),
                             offline_job(new_job_uuid(), mono_printer_)})
                .json["accepted"],
            2);
  ASSERT_EQ(upload(*bob_, {offline_job(new_job_uuid(), color_printer_)}).json["accepted"], 1);

  auto json = admin_->get("/api/v1/reports/user");
  ASSERT_EQ(json.status, 200) << json.body;
  EXPECT_EQ(json.json["grouping"], "user");
  ASSERT_EQ(json.json["rows"].size(), 2u);

  auto csv = admin_->get("/api/v1/reports/user?format=csv&origin=fallback");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("Content-Disposition").find("printline-report-user.csv"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("user,jobs,pages,color_pages,cost_cents,duplex_pages\r\n", 0), 0u)
      << csv.body;
  // The mono printer's job printed its colour page grey: 1 colour page as printed (D11).
  EXPECT_NE(csv.body.find("alice,2,4,1,80,0\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("bob,1,2,1,60,0\r\n"), std::string::npos) << csv.body;

  auto by_printer = admin_->get("/api/v1/reports/printer?format=csv&user=bob");
  EXPECT_NE(by_printer.body.find("floor2-color,1,2,1,60,0"), std::string::npos) << by_printer.body;
  const std::string month = printed_at().substr(0, 7);  // "2026-11"
  auto by_month = admin_->get("/api/v1/reports/month?from=" + month + "-01T00:00:00Z");
  ASSERT_EQ(by_month.json["rows"].size(), 1u);
  EXPECT_EQ(by_month.json["rows"][0]["key"], month);
  // Per group of users: bob is in "design", alice in none.
  ASSERT_EQ(
      admin_->post("/api/v1/user-groups", {{"name", "design"}, {"member_ids", {bob_id_}}}).status,
      201);
  auto by_group = admin_->get("/api/v1/reports/user-group?format=csv");
  EXPECT_EQ(by_group.body.rfind("user-group,jobs,", 0), 0u) << by_group.body;
  EXPECT_NE(by_group.body.find("design,1,2,1,60,0\r\n"), std::string::npos) << by_group.body;
  EXPECT_NE(by_group.body.find("(no group),2,4,1,80,0\r\n"), std::string::npos) << by_group.body;
  EXPECT_EQ(admin_->get("/api/v1/reports/user?from=yesterday").status, 400);
  EXPECT_EQ(admin_->get("/api/v1/reports/planet").status, 404);
}

}  // namespace
}  // namespace printline::testing
