// Attacks through the JSON itself (docs/security.md, D12, D13): a document nested a million
// levels deep, a huge value where a short one belongs, JSON sent as text/plain or as a form
// (what a cross-site page can send with the browser's cached credentials). Against a real
// server, asserting the refusal, that nothing was charged and that the server still serves.

#include <httplib.h>

#include "security/ledger_attack_fixture.h"

namespace printline::testing {
namespace {

TEST_F(LedgerAttackTest, JsonNestedAMillionLevelsDeepIsRefusedAndTheServerLives) {
  const std::string deep = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const std::string body = R"({"jobs":[{"uuid":")" + new_job_uuid() + R"(","printer":)" + deep +
                           R"(,"pages":1}]})";
  auto reply = alice_->call("POST", "/api/v1/accounting/fallback-jobs", std::nullopt, {}, body);
  EXPECT_EQ(reply.status, 400) << reply.body.substr(0, 300);
  EXPECT_EQ(reply.error_code(), "bad-json");
  EXPECT_EQ(alice_->get("/api/v1/me").status, 200);  // still serving
  EXPECT_EQ(balance(*alice_), 0);
  // A large printer value within the depth limit is refused by size, never echoed.
  auto wide = job(std::string(100'000, 'x'), 1);
  auto answer = upload(*alice_, {wide});
  EXPECT_EQ(answer.json["results"][0]["reason"], "invalid-field");
  EXPECT_LT(answer.body.size(), 2000u);
}

TEST_F(LedgerAttackTest, JsonSentAsTextPlainIsRefusedWith415AndNothingIsCharged) {
  httplib::Client http("127.0.0.1", server_->port());
  http.set_basic_auth("alice", kPassword);
  const std::string body = json{{"jobs", {job(office_, 2)}}}.dump();
  auto plain = http.Post("/api/v1/accounting/fallback-jobs", body, "text/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 415) << plain->body;
  EXPECT_NE(plain->body.find("application/json"), std::string::npos);
  auto form = http.Post("/api/v1/login", "login=alice&password=x",
                        "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  EXPECT_EQ(balance(*alice_), 0);
  auto json_typed = http.Post("/api/v1/accounting/fallback-jobs", body,
                              "application/json; charset=utf-8");
  ASSERT_TRUE(json_typed);
  EXPECT_EQ(json_typed->status, 200) << json_typed->body;
}

}  // namespace
}  // namespace printline::testing
