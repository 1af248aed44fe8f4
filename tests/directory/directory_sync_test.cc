// Directory sync against a real OpenLDAP: complete syncs past the server's size limit (paged
// searches), dry runs, incremental syncs, disabling, groups and their initial credit, errors
// that change nothing, password checks by bind, and StartTLS with the server verified.

#include "directory/directory_sync.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "directory/ldap_connection.h"
#include "directory_test_fixture.h"
#include "store/store.h"
#include "support/test_certificates.h"

namespace printline::testing {
namespace {

using directory::DirectorySync;
using directory::SyncKind;
using ::testing::HasSubstr;

const store::Actor kAdmin{"admin"};

class DirectorySyncTest : public ::testing::Test {
 protected:
  DirectorySyncTest() : source_(prepare_directory(ldap_, dir_)) {
    store::StoreOptions options;
    options.hash_cost = store::HashCost::kMinimum;
    store_ = store::open_sqlite_store((dir_ / "printline.db").string(), options).value();
  }

  DirectorySync sync() { return DirectorySync(*store_, {source_}); }

  std::optional<model::User> user(const std::string& login) {
    return *store_->find_user_by_login(login);
  }

  std::size_t user_count() { return store_->list_users()->size(); }

  TempDir dir_{"printline-directory"};
  SlapdPeer ldap_;
  directory::DirectorySource source_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(DirectorySyncTest, ACompleteSyncGetsEveryAccountPastTheServersSizeLimit) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 1200));  // the server answers 500 unpaged
  DirectorySync directories(*store_, {source_});
  auto plan = directories.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->create.size(), 1200u);
  EXPECT_EQ(user_count(), 1200u);
  auto one = user("user01200");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->source, "corp");
  EXPECT_EQ(one->name, "user 01200");
  EXPECT_EQ(one->email, "user01200@example.org");
  EXPECT_EQ(one->directory_dn, SlapdPeer::person_dn(ldap_.suffix(), "user01200"));
  EXPECT_EQ(one->balance_cents, 0);

  // Run again: nothing to do.
  auto again = directories.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->changes_nothing());
  EXPECT_EQ(again->unchanged, 1200);
}

TEST_F(DirectorySyncTest, ADryRunShowsThePlanAndChangesNothing) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 20));
  auto directories = sync();
  auto plan = directories.run("corp", SyncKind::kComplete, true, kAdmin);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->create.size(), 20u);
  EXPECT_EQ(user_count(), 0u);
  EXPECT_FALSE(directories.statuses()[0].last_run.has_value());
  EXPECT_TRUE(store_->audit_log(10)->empty());
}

TEST_F(DirectorySyncTest, IncrementalSyncsPickUpChangesAndOnlyCompleteOnesDisable) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 50));
  auto directories = sync();
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());
  // modifyTimestamp has whole seconds: the change must be in a later second than the mark.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ldap_.modify("dn: " + SlapdPeer::person_dn(ldap_.suffix(), "user00007") +
               "\nchangetype: modify\nreplace: cn\ncn: Renamed Seven\n");
  ldap_.modify("dn: " + SlapdPeer::person_dn(ldap_.suffix(), "user00008") +
               "\nchangetype: delete\n");

  auto incremental = directories.run("corp", SyncKind::kIncremental, false, kAdmin);
  ASSERT_TRUE(incremental.ok()) << incremental.error().message;
  ASSERT_EQ(incremental->update.size(), 1u);
  EXPECT_EQ(incremental->update[0].login, "user00007");
  EXPECT_TRUE(incremental->disable.empty());
  EXPECT_EQ(user("user00007")->name, "Renamed Seven");
  EXPECT_FALSE(user("user00008")->disabled);

  // The next incremental sync lists only entries changed since the last one's mark (the
  // entries of that second again, so that a change made in it is never missed).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ldap_.modify("dn: " + SlapdPeer::person_dn(ldap_.suffix(), "user00009") +
               "\nchangetype: modify\nreplace: mail\nmail: nine@example.org\n");
  auto next = directories.run("corp", SyncKind::kIncremental, false, kAdmin);
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_EQ(next->update.size(), 1u);
  EXPECT_EQ(next->update[0].login, "user00009");
  EXPECT_LE(next->unchanged, 1) << "an incremental sync lists only what changed";

  auto complete = directories.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_TRUE(complete.ok()) << complete.error().message;
  EXPECT_EQ(complete->disable, std::vector<std::string>{"user00008"});
  auto gone = user("user00008");
  ASSERT_TRUE(gone) << "never deleted: the ledger keeps its owner";
  EXPECT_TRUE(gone->disabled);

  // Back in the directory: enabled again by the next sync.
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 8)
                .substr(SlapdPeer::people_ldif(ldap_.suffix(), 7).size()));
  auto back = directories.run("corp", SyncKind::kIncremental, false, kAdmin);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->enable, std::vector<std::string>{"user00008"});
  EXPECT_FALSE(user("user00008")->disabled);
}

TEST_F(DirectorySyncTest, GroupsFollowTheDirectoryAndNewMembersGetTheGroupsInitialCredit) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 4));
  ldap_.add(SlapdPeer::group_ldif(ldap_.suffix(), "staff", {"user00001", "user00002"}));
  auto directories = sync();
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());
  auto groups = *store_->list_user_groups();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].name, "staff");
  EXPECT_EQ(groups[0].source, "corp");
  EXPECT_EQ(groups[0].member_ids.size(), 2u);
  EXPECT_EQ(*store_->groups_of("user00001"), std::vector<std::string>{"staff"});

  // The administrator gives the group an initial credit; a newcomer gets it, once.
  auto staff = groups[0];
  staff.initial_credit_cents = 750;
  ASSERT_TRUE(store_->update_user_group(staff, kAdmin).ok());
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 5)
                .substr(SlapdPeer::people_ldif(ldap_.suffix(), 4).size()));
  ldap_.modify(
      "dn: cn=staff,ou=groups," + ldap_.suffix() + "\nchangetype: modify\nadd: member\nmember: " +
      SlapdPeer::person_dn(ldap_.suffix(), "user00005") +
      "\n-\ndelete: member\nmember: " + SlapdPeer::person_dn(ldap_.suffix(), "user00001") + "\n");
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());
  EXPECT_EQ(user("user00005")->balance_cents, 750);
  EXPECT_EQ(user("user00002")->balance_cents, 0) << "only new accounts get the initial credit";
  EXPECT_EQ(*store_->groups_of("user00001"), std::vector<std::string>{});
  EXPECT_EQ(*store_->groups_of("user00005"), std::vector<std::string>{"staff"});
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());
  EXPECT_EQ(user("user00005")->balance_cents, 750);
  EXPECT_EQ(store_->ledger_of(user("user00005")->id)->size(), 1u);
}

TEST_F(DirectorySyncTest, LocalAccountsAreNeverTakenOverByADirectoryEntryOfTheSameLogin) {
  model::User local;
  local.login = "user00001";
  local.role = model::Role::kAdmin;
  ASSERT_TRUE(store_->create_user(local, "local-password", kAdmin).ok());
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 2));
  auto directories = sync();
  auto plan = directories.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_THAT(plan->warnings[0], HasSubstr("local account"));
  auto still_local = user("user00001");
  EXPECT_EQ(still_local->source, "");
  EXPECT_TRUE(store_->verify_login("user00001", "local-password")->has_value());
  // The directory's password for that entry is not the account's.
  auto check = directories.check_password(*still_local, "pw-user00001");
  EXPECT_FALSE(check.ok() && *check);
}

TEST_F(DirectorySyncTest, AFailingDirectoryChangesNothingAndSaysWhy) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 10));
  auto directories = sync();
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());

  auto wrong = source_;
  std::ofstream(dir_ / "wrong.secret") << "not-the-password\n";
  ::chmod((dir_ / "wrong.secret").c_str(), 0600);
  wrong.bind_password_file = dir_ / "wrong.secret";
  DirectorySync refused(*store_, {wrong});
  auto bind = refused.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_FALSE(bind.ok());
  EXPECT_THAT(bind.error().message, HasSubstr("bind as"));
  EXPECT_THAT(bind.error().message, HasSubstr("Invalid credentials"));
  EXPECT_THAT(refused.statuses()[0].last_error, HasSubstr("bind as"));

  ::chmod((dir_ / "wrong.secret").c_str(), 0644);
  auto readable = refused.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_FALSE(readable.ok());
  EXPECT_THAT(readable.error().message, HasSubstr("chmod 600"));

  auto no_such_base = source_;
  no_such_base.base_dn = "ou=nobody," + ldap_.suffix();
  DirectorySync missing(*store_, {no_such_base});
  auto search = missing.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_FALSE(search.ok());
  EXPECT_THAT(search.error().message, HasSubstr("No such object"));

  auto elsewhere = source_;
  elsewhere.uri = "ldap://127.0.0.1:1";
  elsewhere.timeout_seconds = 2;
  DirectorySync down(*store_, {elsewhere});
  auto unreachable = down.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_THAT(unreachable.error().message, HasSubstr("Can't contact LDAP server"));

  // More entries than the source allows (a directory that does not end, or one posing as
  // it): the sync stops with what to do and changes nothing.
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 2, "extra"));  // 12 people
  auto bounded = source_;
  bounded.max_entries = 11;
  DirectorySync flooded(*store_, {bounded});
  auto flood = flooded.run("corp", SyncKind::kComplete, false, kAdmin);
  ASSERT_FALSE(flood.ok());
  EXPECT_THAT(flood.error().message, HasSubstr("returned more than 11 entries"));
  EXPECT_THAT(flood.error().message, HasSubstr("raise max_entries"));
  EXPECT_FALSE(user("extra00001").has_value());

  const auto accounts = store_->list_users().value();
  EXPECT_EQ(accounts.size(), 10u);
  for (const auto& account : accounts) EXPECT_FALSE(account.disabled);
}

TEST_F(DirectorySyncTest, PasswordsAreCheckedByABindAndAnEmptyOneNeverPasses) {
  ldap_.add(SlapdPeer::people_ldif(ldap_.suffix(), 3));
  auto directories = sync();
  ASSERT_TRUE(directories.run("corp", SyncKind::kComplete, false, kAdmin).ok());
  const auto account = *user("user00002");
  EXPECT_TRUE(*directories.check_password(account, "pw-user00002"));
  EXPECT_FALSE(*directories.check_password(account, "pw-user00001"));
  // An empty password is an unauthenticated bind, which LDAP servers answer "success".
  EXPECT_FALSE(*directories.check_password(account, ""));
  EXPECT_FALSE(store_->verify_login("user00002", "pw-user00002")->has_value())
      << "no password of a directory account is stored here";
}

// Active Directory's attribute names (slapd with an AD-like schema: sAMAccountName, uSNChanged):
// the preset's mapping, incremental syncs by USN compared as numbers (9 < 10 < 100), the
// filters given for this directory (OpenLDAP has no objectCategory nor class "user").
TEST(DirectoryActiveDirectoryTest, ThePresetMapsAdAttributesAndUsnOrdersIncrementalSyncs) {
  TempDir dir("printline-directory-ad");
  SlapdPeer::Options options;
  options.ad_schema = true;
  SlapdPeer ldap(options);
  const auto source = prepare_directory(ldap, dir,
                                        {{"name", "ad"},
                                         {"preset", "active-directory"},
                                         {"user_filter", "(objectClass=printlineAdUser)"},
                                         {"group_filter", "(objectClass=groupOfNames)"}});
  auto ad_user = [&](const std::string& uid, const std::string& login, const std::string& name,
                     int usn) {
    return "dn: " + SlapdPeer::person_dn(ldap.suffix(), uid) +
           "\nobjectClass: inetOrgPerson\nobjectClass: printlineAdUser\nuid: " + uid +
           "\ncn: " + uid + "\nsn: x\ndisplayName: " + name + "\nmail: " + uid +
           "@example.org\nsAMAccountName: " + login + "\nuSNChanged: " + std::to_string(usn) +
           "\nuserPassword: pw-" + uid + "\n\n";
  };
  // Logins are case-insensitive in AD: "RRoe" is kept as "rroe".
  ldap.add(ad_user("jdoe", "jdoe", "Jane Doe", 9) + ad_user("rroe", "RRoe", "Richard Roe", 100));
  ldap.add(SlapdPeer::group_ldif(ldap.suffix(), "finance", {"jdoe"}));

  store::StoreOptions store_options;
  store_options.hash_cost = store::HashCost::kMinimum;
  auto store = store::open_sqlite_store((dir / "printline.db").string(), store_options).value();
  DirectorySync directories(*store, {source});
  ASSERT_TRUE(directories.run("ad", SyncKind::kComplete, false, kAdmin).ok());
  auto jane = store->find_user_by_login("jdoe").value();
  ASSERT_TRUE(jane);
  EXPECT_EQ(jane->name, "Jane Doe");  // displayName
  EXPECT_TRUE(store->find_user_by_login("rroe").value());
  EXPECT_FALSE(store->find_user_by_login("RRoe").value());
  EXPECT_EQ(store->groups_of("jdoe").value(), std::vector<std::string>{"finance"});
  EXPECT_EQ(directories.statuses()[0].high_water_mark, "100");
  EXPECT_TRUE(*directories.check_password(*jane, "pw-jdoe"));

  // USN 10 is below the mark (100) as a number, though "10" > "100" as text: not listed.
  ldap.modify("dn: " + SlapdPeer::person_dn(ldap.suffix(), "jdoe") +
              "\nchangetype: modify\nreplace: displayName\ndisplayName: Jane Old\n-\n"
              "replace: uSNChanged\nuSNChanged: 10\n");
  ldap.modify("dn: " + SlapdPeer::person_dn(ldap.suffix(), "rroe") +
              "\nchangetype: modify\nreplace: displayName\ndisplayName: Richard New\n-\n"
              "replace: uSNChanged\nuSNChanged: 101\n");
  auto incremental = directories.run("ad", SyncKind::kIncremental, false, kAdmin);
  ASSERT_TRUE(incremental.ok()) << incremental.error().message;
  ASSERT_EQ(incremental->update.size(), 1u);
  EXPECT_EQ(incremental->update[0].login, "rroe");
  EXPECT_EQ(store->find_user_by_login("rroe").value()->name, "Richard New");
  EXPECT_EQ(directories.statuses()[0].high_water_mark, "101");
}

TEST(DirectoryTlsTest, StartTlsVerifiesTheServerAgainstTheConfiguredAuthority) {
  TempDir dir("printline-directory-tls");
  TestCertificates certificates(dir.path());
  SlapdPeer::Options genuine;
  genuine.tls_cert = certificates.server_cert;
  genuine.tls_key = certificates.server_key;
  SlapdPeer ldap(genuine);
  auto source = prepare_directory(ldap, dir);
  source.starttls = true;
  source.ca_file = certificates.ca;
  ldap.add(SlapdPeer::people_ldif(ldap.suffix(), 2));
  auto connection = directory::LdapConnection::open(source);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  auto entries = connection->search(source.base_dn, "(uid=user00001)", {"uid"});
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  EXPECT_EQ(entries->size(), 1u);

  // An impostor on the same address with its own certificate: refused before the bind, so
  // the service password never reaches it.
  SlapdPeer::Options impostor_options;
  impostor_options.tls_cert = certificates.mitm_cert;
  impostor_options.tls_key = certificates.mitm_key;
  SlapdPeer impostor(impostor_options);
  auto to_impostor = source;
  to_impostor.uri = impostor.uri();
  auto refused = directory::LdapConnection::open(to_impostor);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("StartTLS failed"));
  auto password = directory::LdapConnection::check_password(
      to_impostor, SlapdPeer::person_dn(ldap.suffix(), "user00001"), "pw-user00001");
  EXPECT_FALSE(password.ok());

  // A server that offers no TLS at all is refused too, not used in clear.
  SlapdPeer plain;
  auto to_plain = source;
  to_plain.uri = plain.uri();
  EXPECT_FALSE(directory::LdapConnection::open(to_plain).ok());
}

}  // namespace
}  // namespace printline::testing
