// Log-in, tokens, log-out, "who am I", bad input on the API.

#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

TEST_F(ApiTest, LoginGivesATokenThatWorksUntilLogout) {
  auto me = alice_->get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["user"]["login"], "alice");
  EXPECT_EQ(me.json["user"].contains("password_hash"), false);
  EXPECT_TRUE(me.json["printers_used"].is_array());

  EXPECT_EQ(alice_->post("/api/v1/logout").status, 204);
  auto after = alice_->get("/api/v1/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "unauthenticated");
  EXPECT_FALSE(after.json["error"]["message"].get<std::string>().empty());
  EXPECT_EQ(after.header("WWW-Authenticate"), "Bearer realm=\"printline\"");
}

// A server whose prices are in Swiss francs (D14): the web session says so, for the pages to
// write amounts in it; a currency that is no ISO 4217 code is refused with what to write.
class SwissFrancApiTest : public ApiTest {
 protected:
  void adjust_config(server::ServerConfig& config) override { config.currency = "CHF"; }
};

TEST_F(SwissFrancApiTest, TheWebSessionCarriesTheServersCurrency) {
  auto browser = client();
  auto login = browser->post("/web/login", {{"login", "alice"}, {"password", kUserPassword}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json["currency"], "CHF");

  server::ServerConfig config;
  config.data_dir = "/var/lib/printline";
  EXPECT_FALSE(server::validate(config).has_value()) << "EUR by default";
  config.currency = "euro";
  ASSERT_TRUE(server::validate(config).has_value());
  EXPECT_NE(server::validate(config)->message.find("ISO 4217"), std::string::npos);
}

TEST_F(ApiTest, LogoutEndsOnlyTheSessionThatAsked) {
  auto laptop = client();
  ASSERT_EQ(laptop->login("alice", kUserPassword).status, 200);
  ASSERT_EQ(alice_->get("/api/v1/me").status, 200);
  ASSERT_EQ(laptop->get("/api/v1/me").status, 200);

  EXPECT_EQ(laptop->post("/api/v1/logout").status, 204);
  EXPECT_EQ(laptop->get("/api/v1/me").status, 401);
  auto desk = alice_->get("/api/v1/me");  // the other login of the same user
  EXPECT_EQ(desk.status, 200) << desk.body;
  EXPECT_EQ(desk.json["user"]["login"], "alice");
}

TEST_F(ApiTest, WrongPasswordIsRefusedAndRepeatedFailuresAreRateLimited) {
  auto anonymous = client();
  auto wrong = anonymous->login("alice", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.error_code(), "unauthenticated");
  ApiReply last;
  for (int i = 0; i < 12; ++i) last = anonymous->login("alice", "not-the-password");
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.error_code(), "rate-limited");
  EXPECT_FALSE(last.header("Retry-After").empty());
}

TEST_F(ApiTest, MissingOrForgedCredentialsAre401) {
  auto anonymous = client();
  EXPECT_EQ(anonymous->get("/api/v1/me").status, 401);
  anonymous->use_token("plt_forged");
  EXPECT_EQ(anonymous->get("/api/v1/me").status, 401);
  anonymous->use_basic("alice", kUserPassword);
  EXPECT_EQ(anonymous->get("/api/v1/me").status, 200);
}

TEST_F(ApiTest, BadJsonIs400WithAMessage) {
  auto reply = admin_->call("POST", "/api/v1/users", std::nullopt, {}, std::string("{\"login\":"));
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "bad-json");
  auto array = admin_->call("POST", "/api/v1/users", nlohmann::json::array());
  EXPECT_EQ(array.error_code(), "bad-json");
  auto wrong_type = admin_->post(
      "/api/v1/printers", {{"name", "p"}, {"device_uri", "socket://h:9100"}, {"color", "yes"}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.json["error"]["field"], "color");
}

TEST_F(ApiTest, UnknownFieldsInAdminWritesAre400) {
  auto reply = admin_->post("/api/v1/printers",
                            {{"name", "p"}, {"device_uri", "socket://h:9100"}, {"colour", true}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "unknown-field");
  EXPECT_EQ(reply.json["error"]["field"], "colour");
  auto read_only = admin_->patch("/api/v1/users/alice", {{"balance_cents", 100000}});
  EXPECT_EQ(read_only.error_code(), "unknown-field");
}

TEST_F(ApiTest, UnknownRouteIsAJson404) {
  auto reply = alice_->get("/api/v1/nothing-here");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.error_code(), "not-found");
}

TEST_F(ApiTest, OversizeBodyIs413) {
  std::string huge = "{\"x\":\"" + std::string(9u << 20, 'a') + "\"}";
  auto reply = admin_->call("POST", "/api/v1/users", std::nullopt, {}, huge);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.error_code(), "too-large");
}

// Self-service: a user's own language, password and PIN. Password and PIN need the current
// password; a changed password ends the user's other sessions but not the one that asked.
TEST_F(ApiTest, UsersChangeTheirOwnLanguagePasswordAndPin) {
  auto french = alice_->patch("/api/v1/me", {{"language", "fr"}});
  ASSERT_EQ(french.status, 200) << french.body;
  EXPECT_EQ(french.json.value("language", ""), "fr");
  EXPECT_EQ(alice_->get("/api/v1/me").json["user"].value("language", ""), "fr");
  auto klingon = alice_->patch("/api/v1/me", {{"language", "tlh"}});
  EXPECT_EQ(klingon.status, 422);
  EXPECT_EQ(klingon.json["error"].value("field", ""), "language");
  EXPECT_EQ(alice_->patch("/api/v1/me", {{"role", "admin"}}).status, 400);  // only language

  auto laptop = client();
  ASSERT_EQ(laptop->login("alice", kUserPassword).status, 200);
  auto wrong = alice_->post("/api/v1/me/password",
                            {{"current_password", "not-it"}, {"password", "new-password-2"}});
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(wrong.json["error"].value("field", ""), "current_password");
  auto short_one = alice_->post("/api/v1/me/password",
                                {{"current_password", kUserPassword}, {"password", "short"}});
  EXPECT_EQ(short_one.status, 422);
  EXPECT_EQ(short_one.json["error"].value("field", ""), "password");
  auto changed = alice_->post("/api/v1/me/password",
                              {{"current_password", kUserPassword}, {"password", "new-password-2"}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(alice_->get("/api/v1/me").status, 200);   // the session that changed it
  EXPECT_EQ(laptop->get("/api/v1/me").status, 401);   // every other one ended
  EXPECT_EQ(client()->login("alice", kUserPassword).status, 401);
  EXPECT_EQ(client()->login("alice", "new-password-2").status, 200);

  auto pin = alice_->post("/api/v1/me/pin", {{"current_password", "new-password-2"}, {"pin", "12"}});
  EXPECT_EQ(pin.status, 422);
  EXPECT_EQ(pin.json["error"].value("field", ""), "pin");
  EXPECT_EQ(
      alice_->post("/api/v1/me/pin", {{"current_password", "new-password-2"}, {"pin", "4321"}})
          .status,
      204);
  EXPECT_TRUE(admin_->get("/api/v1/users/alice").json.value("has_pin", false));
  EXPECT_EQ(alice_->post("/api/v1/me/pin", {{"current_password", "wrong"}, {"pin", nullptr}})
                .status,
            422);
  EXPECT_EQ(
      alice_->post("/api/v1/me/pin", {{"current_password", "new-password-2"}, {"pin", nullptr}})
          .status,
      204);
  EXPECT_FALSE(admin_->get("/api/v1/users/alice").json.value("has_pin", true));
  // Bob's account is untouched by all this.
  EXPECT_EQ(bob_->get("/api/v1/me").json["user"].value("language", "?"), "");
}

}  // namespace
}  // namespace printline::testing
