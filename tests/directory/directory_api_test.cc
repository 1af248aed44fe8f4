// The server with a directory source (a real OpenLDAP): syncs through the API, directory
// accounts logging in with their directory password, disabled accounts shut out at once.

#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "api_client/cli_runner.h"
#include "directory_test_fixture.h"
#include "server/api_test_fixture.h"

namespace printline::testing {
namespace {

using ::testing::HasSubstr;

class DirectoryApiTest : public ApiTest {
 protected:
  DirectoryApiTest() : source_(prepare_directory(ldap_, dir_)) {
    ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 3));
    ldap_.add(SlapdPeer::group_ldif(ldap_.suffix(), "finance", {"user00001", "user00002"}));
  }

  void adjust_config(server::ServerConfig& config) override {
    source_.sync_interval_seconds = 0;  // on demand only: the test decides when
    config.directories.push_back(source_);
  }

  // A directory entry with the login of a local account (alice, made by ApiTest once the
  // server runs, so only now: else the server's first sync would make it a directory account).
  void add_directory_alice() {
    ldap_.add("dn: uid=alice,ou=people," + ldap_.suffix() +
              "\nobjectClass: inetOrgPerson\nuid: alice\ncn: Directory Alice\nsn: A\n"
              "userPassword: directory-alice\n");
  }

  // The server's own complete sync at its start.
  void wait_for_first_sync() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto listed = admin_->get("/api/v1/directories");
      if (!listed.json["directories"][0]["last_complete_sync"].is_null()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "the server did not sync its directory at start";
  }

  ApiReply sync(const nlohmann::json& body = nlohmann::json::object()) {
    return admin_->post("/api/v1/directories/corp/sync", body);
  }

  TempDir dir_{"printline-directory-api"};
  SlapdPeer ldap_;
  directory::DirectorySource source_;
};

TEST_F(DirectoryApiTest, TheServerSyncsAtStartAndADryRunShowsWhatTheNextSyncDoes) {
  wait_for_first_sync();
  EXPECT_EQ(admin_->get("/api/v1/users/user00003").status, 200);
  add_directory_alice();
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 5)
                .substr(SlapdPeer::people_ldif(ldap_.suffix(), 3).size()));

  auto dry = sync({{"dry_run", true}});
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json["dry_run"], true);
  EXPECT_EQ(dry.json["create"], nlohmann::json::array({"user00004", "user00005"}));
  EXPECT_EQ(admin_->get("/api/v1/users/user00004").status, 404) << "a dry run changes nothing";
  auto real = sync();
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(real.json["counts"], dry.json["counts"]);
  EXPECT_EQ(admin_->get("/api/v1/users/user00004").status, 200);
  EXPECT_THAT(real.json["warnings"].dump(), HasSubstr("is a local account"));

  auto listed = admin_->get("/api/v1/directories");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json["directories"][0]["name"], "corp");
  EXPECT_FALSE(listed.json["directories"][0]["last_complete_sync"].is_null());

  auto user = admin_->get("/api/v1/users/user00001");
  ASSERT_EQ(user.status, 200) << user.body;
  EXPECT_EQ(user.json["source"], "corp");
  EXPECT_EQ(user.json["groups"], nlohmann::json::array({"finance"}));
  auto groups = admin_->get("/api/v1/user-groups");
  EXPECT_EQ(groups.json["user_groups"][0]["source"], "corp");
}

TEST_F(DirectoryApiTest, DirectoryAccountsLogInWithTheirDirectoryPasswordOnly) {
  add_directory_alice();
  ASSERT_EQ(sync().status, 200);
  auto user = client();
  EXPECT_EQ(user->login("user00002", "pw-user00002").status, 200);
  EXPECT_EQ(user->get("/api/v1/me").json["user"]["login"], "user00002");
  EXPECT_EQ(client()->login("user00002", "pw-user00001").status, 401);
  EXPECT_EQ(client()->login("user00002", "").status, 401);

  // The password is the directory's: changing it here is refused and says where.
  auto change = user->post("/api/v1/me/password",
                           {{"current_password", "pw-user00002"}, {"password", "new-pw-123456"}});
  EXPECT_EQ(change.status, 409) << change.body;
  EXPECT_THAT(change.body, HasSubstr("directory"));

  // A local account keeps its local password; the directory entry's does not open it.
  EXPECT_EQ(client()->login("alice", kUserPassword).status, 200);
  EXPECT_EQ(client()->login("alice", "directory-alice").status, 401);
}

// The same server with the directory's logins taken as case-insensitive (Active Directory).
class CaseInsensitiveDirectoryApiTest : public DirectoryApiTest {
 protected:
  void adjust_config(server::ServerConfig& config) override {
    source_.case_insensitive_logins = true;
    DirectoryApiTest::adjust_config(config);
  }
};

TEST_F(DirectoryApiTest, LoginsOfACaseSensitiveDirectoryMatchOnlyInTheirOwnCase) {
  ASSERT_EQ(sync().status, 200);
  EXPECT_EQ(client()->login("User00002", "pw-user00002").status, 401);
}

TEST_F(CaseInsensitiveDirectoryApiTest, ADirectoryLoginTypedInAnyCaseFindsItsAccount) {
  ASSERT_EQ(sync().status, 200);
  auto user = client();
  EXPECT_EQ(user->login("USER00002", "pw-user00002").status, 200);
  EXPECT_EQ(user->get("/api/v1/me").json["user"]["login"], "user00002");
  EXPECT_EQ(client()->login("User00002", "pw-user00001").status, 401);
  // Local accounts keep their case.
  EXPECT_EQ(client()->login("alice", kUserPassword).status, 200);
  EXPECT_EQ(client()->login("Alice", kUserPassword).status, 401);
}

TEST_F(DirectoryApiTest, AnAccountGoneFromTheDirectoryIsShutOutAtOnceButKeepsItsHistory) {
  ASSERT_EQ(sync().status, 200);
  auto user = client();
  ASSERT_EQ(user->login("user00003", "pw-user00003").status, 200);
  ldap_.modify("dn: " + SlapdPeer::person_dn(ldap_.suffix(), "user00003") +
               "\nchangetype: delete\n");
  auto disabled = sync();
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json["disable"], nlohmann::json::array({"user00003"}));
  EXPECT_EQ(user->get("/api/v1/me").status, 401) << "its token no longer works";
  EXPECT_EQ(client()->login("user00003", "pw-user00003").status, 401);
  auto kept = admin_->get("/api/v1/users/user00003");
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json["disabled"], true);
}

TEST_F(DirectoryApiTest, AnAdministratorDisablesALocalAccountAndOnlyAdministratorsSync) {
  ASSERT_EQ(admin_->patch("/api/v1/users/bob", {{"disabled", true}}).status, 200);
  EXPECT_EQ(bob_->get("/api/v1/me").status, 401);
  EXPECT_EQ(client()->login("bob", kUserPassword).status, 401);
  EXPECT_EQ(admin_->patch("/api/v1/users/admin", {{"disabled", true}}).status, 409);

  // A directory account an administrator disables stays disabled although the directory
  // still lists it.
  ASSERT_EQ(sync().status, 200);
  ASSERT_EQ(admin_->patch("/api/v1/users/user00002", {{"disabled", true}}).status, 200);
  auto again = sync();
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["enable"], nlohmann::json::array());
  EXPECT_EQ(admin_->get("/api/v1/users/user00002").json["disabled"], true);
  EXPECT_EQ(client()->login("user00002", "pw-user00002").status, 401);

  EXPECT_EQ(alice_->post("/api/v1/directories/corp/sync").status, 403);
  EXPECT_EQ(admin_->post("/api/v1/directories/nope/sync").status, 404);
  EXPECT_EQ(sync({{"dry_run", "yes"}}).status, 400);
}

TEST_F(DirectoryApiTest, ADirectoryThatCannotBeReachedIsA502AndChangesNothing) {
  ASSERT_EQ(sync().status, 200);
  const auto users_before = admin_->get("/api/v1/users").json["users"].size();
  ldap_.stop();
  auto down = sync();
  EXPECT_EQ(down.status, 502) << down.body;
  EXPECT_EQ(down.error_code(), "directory-failed");
  EXPECT_THAT(down.body, HasSubstr("Nothing was changed"));
  EXPECT_EQ(admin_->get("/api/v1/users").json["users"].size(), users_before);
  // A directory account cannot log in while its directory is away (no stored password to
  // fall back on), and is told why.
  auto login = client()->login("user00001", "pw-user00001");
  EXPECT_EQ(login.status, 503) << login.body;
  EXPECT_EQ(login.error_code(), "directory-unavailable");
  EXPECT_FALSE(login.header("Retry-After").empty());
  EXPECT_EQ(client()->login("alice", kUserPassword).status, 200) << "local accounts still log in";
}

// `printline admin directories …` and the account options, as an administrator scripts them:
// the built binary against this server.
TEST_F(DirectoryApiTest, TheCliSyncsListsAndDisables) {
  wait_for_first_sync();
  const std::string token =
      client()->login(RunningServer::kAdminLogin, RunningServer::kAdminPassword).json["token"];
  const std::map<std::string, std::string> environment = {
      {"HOME", dir_.path().string()},
      {"XDG_CONFIG_HOME", (dir_ / "config").string()},
      {"PRINTLINE_SERVER", server_->base_url()},
      {"PRINTLINE_TOKEN", token}};
  auto cli = [&](const std::vector<std::string>& arguments) {
    return run_cli(PRINTLINE_CLI_PATH, arguments, environment);
  };
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 4)
                .substr(SlapdPeer::people_ldif(ldap_.suffix(), 3).size()));

  auto dry = cli({"admin", "directories", "sync", "corp", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("Dry run of directory corp: nothing was changed."));
  EXPECT_THAT(dry.out, HasSubstr("create: user00004"));
  EXPECT_EQ(admin_->get("/api/v1/users/user00004").status, 404);
  auto real = cli({"admin", "directories", "sync", "corp"});
  ASSERT_EQ(real.exit_code, 0) << real.err;
  EXPECT_THAT(real.out, HasSubstr("Synchronised directory corp."));
  EXPECT_EQ(admin_->get("/api/v1/users/user00004").status, 200);
  auto list = cli({"admin", "directories", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr(ldap_.uri()));
  auto unknown = cli({"admin", "directories", "sync", "nope"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("no directory source \"nope\""));

  ASSERT_EQ(cli({"admin", "users", "update", "user00004", "--disable"}).exit_code, 0);
  auto shown = cli({"admin", "users", "show", "user00004"});
  EXPECT_THAT(shown.out, HasSubstr("corp"));
  EXPECT_EQ(admin_->get("/api/v1/users/user00004").json["disabled"], true);
  ASSERT_EQ(
      cli({"admin", "user-groups", "update", "finance", "--initial-credit", "2.50"}).exit_code, 0);
  EXPECT_EQ(admin_->get("/api/v1/user-groups/finance").json["initial_credit_cents"], 250);
  EXPECT_EQ(
      cli({"admin", "user-groups", "update", "finance", "--initial-credit", "lots"}).exit_code, 2);
}

}  // namespace
}  // namespace printline::testing
