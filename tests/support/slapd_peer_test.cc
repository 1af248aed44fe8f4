// SlapdPeer with the real OpenLDAP tools: the premise of the directory tests is that a plain
// search stops at the size limit (sizeLimitExceeded) while a paged search returns everyone,
// as Active Directory does with MaxPageSize; and that users bind, groups give memberOf,
// AD-shaped users can be stored and StartTLS works when asked for.

#include "support/slapd_peer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/file_text.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct ToolRun {
  int exit_code = -1;  // -1: killed or did not finish
  std::string output;  // stdout and stderr
};

ToolRun run_tool(std::vector<std::string> argv) {
  TempDir dir("printline-slapd-tool");
  ChildProcess process(std::move(argv), dir / "output");
  ToolRun run;
  if (process.wait_for_exit(std::chrono::seconds(60)) && WIFEXITED(process.exit_status())) {
    run.exit_code = WEXITSTATUS(process.exit_status());
  }
  run.output = read_file(dir / "output");
  return run;
}

int entries_in(const std::string& ldapsearch_output) {
  return occurrences("\n" + ldapsearch_output, "\ndn: ");
}

std::vector<std::string> search(const SlapdPeer& ldap, const std::string& base,
                                std::vector<std::string> extra) {
  std::vector<std::string> argv{"ldapsearch", "-x", "-LLL", "-H", ldap.uri(), "-b", base};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

constexpr int kUsers = 1200;
constexpr int kSizeLimit = 500;

class SlapdPeerTest : public ::testing::Test {
 protected:
  // One directory of 1,200 users for the suite: filling it is the slow part.
  static void SetUpTestSuite() {
    SlapdPeer::Options options;
    options.size_limit = kSizeLimit;
    ldap_ = std::make_unique<SlapdPeer>(options);
    ldap_->add(SlapdPeer::people_ldif(ldap_->suffix(), kUsers));
  }
  static void TearDownTestSuite() { ldap_.reset(); }

  static std::string people() { return "ou=people," + ldap_->suffix(); }

  static std::unique_ptr<SlapdPeer> ldap_;
};

std::unique_ptr<SlapdPeer> SlapdPeerTest::ldap_;

TEST_F(SlapdPeerTest, PlainSearchStopsAtTheSizeLimitAndPagedSearchReturnsEveryone) {
  const ToolRun plain = run_tool(search(*ldap_, people(), {"(objectClass=inetOrgPerson)", "uid"}));
  EXPECT_EQ(plain.exit_code, 4) << plain.output;  // sizeLimitExceeded
  EXPECT_EQ(entries_in(plain.output), kSizeLimit);

  const ToolRun paged = run_tool(
      search(*ldap_, people(), {"-E", "pr=200/noprompt", "(objectClass=inetOrgPerson)", "uid"}));
  EXPECT_EQ(paged.exit_code, 0) << paged.output;
  EXPECT_EQ(entries_in(paged.output), kUsers);
}

TEST_F(SlapdPeerTest, TheCapAppliesToBoundUsersAsToAnonymousOnes) {
  const std::string user = SlapdPeer::person_dn(ldap_->suffix(), "user00042");
  const ToolRun plain = run_tool(search(
      *ldap_, people(), {"-D", user, "-w", "pw-user00042", "(objectClass=inetOrgPerson)", "uid"}));
  EXPECT_EQ(plain.exit_code, 4) << plain.output;
  EXPECT_EQ(entries_in(plain.output), kSizeLimit);

  const ToolRun paged = run_tool(search(*ldap_, people(),
                                        {"-D", user, "-w", "pw-user00042", "-E", "pr=200/noprompt",
                                         "(objectClass=inetOrgPerson)", "uid"}));
  EXPECT_EQ(paged.exit_code, 0) << paged.output;
  EXPECT_EQ(entries_in(paged.output), kUsers);
}

TEST_F(SlapdPeerTest, UsersBindWithTheirOwnPasswordOnly) {
  const std::string user = SlapdPeer::person_dn(ldap_->suffix(), "user01200");
  const ToolRun right =
      run_tool({"ldapwhoami", "-x", "-H", ldap_->uri(), "-D", user, "-w", "pw-user01200"});
  EXPECT_EQ(right.exit_code, 0) << right.output;
  EXPECT_THAT(right.output, HasSubstr("dn:" + user));

  const ToolRun wrong =
      run_tool({"ldapwhoami", "-x", "-H", ldap_->uri(), "-D", user, "-w", "pw-user00001"});
  EXPECT_EQ(wrong.exit_code, 49) << wrong.output;  // invalidCredentials
}

TEST_F(SlapdPeerTest, GroupMembersGetMemberOf) {
  const std::string suffix = ldap_->suffix();
  const std::string group = "cn=printing,ou=groups," + suffix;
  ldap_->add(SlapdPeer::group_ldif(suffix, "printing", {"user00001", "user00002"}));
  auto member_of = [&](const std::string& uid) {
    return run_tool(search(*ldap_, people(), {"(uid=" + uid + ")", "memberOf"})).output;
  };
  EXPECT_THAT(member_of("user00001"), HasSubstr("memberOf: " + group));
  EXPECT_THAT(member_of("user00003"), Not(HasSubstr("memberOf:")));

  ldap_->modify("dn: " + group + "\nchangetype: modify\nadd: member\nmember: " +
                SlapdPeer::person_dn(suffix, "user00003") + "\n");
  EXPECT_THAT(member_of("user00003"), HasSubstr("memberOf: " + group));
}

TEST_F(SlapdPeerTest, AFailedAddSaysWhichEntryAndWhy) {
  try {
    ldap_->add(SlapdPeer::people_ldif(ldap_->suffix(), 1));  // user00001 exists
    ADD_FAILURE() << "adding an existing entry did not throw";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("uid=user00001"));
    EXPECT_THAT(error.what(), HasSubstr("Already exists (68)"));
  }
}

std::string ad_user_ldif(const std::string& suffix) {
  return "dn: " + SlapdPeer::person_dn(suffix, "jdoe") +
         "\nobjectClass: inetOrgPerson\nobjectClass: printlineAdUser\nuid: jdoe\n"
         "cn: Jane Doe\nsn: Doe\ndisplayName: Jane Doe\nmail: jane.doe@example.org\n"
         "sAMAccountName: JDoe\nuSNChanged: 120345\nuserPassword: pw-jdoe\n";
}

TEST(SlapdPeerAdSchemaTest, StoresAdShapedUsersWithMemberOf) {
  SlapdPeer::Options options;
  options.ad_schema = true;
  SlapdPeer ldap(options);
  ldap.add(ad_user_ldif(ldap.suffix()));
  ldap.add(SlapdPeer::group_ldif(ldap.suffix(), "finance", {"jdoe"}));

  // sAMAccountName matches without regard to case, uSNChanged orders as an integer.
  const ToolRun found = run_tool(search(ldap, ldap.suffix(),
                                        {"(&(sAMAccountName=jdoe)(uSNChanged>=99999))",
                                         "sAMAccountName", "displayName", "mail", "memberOf"}));
  EXPECT_EQ(found.exit_code, 0) << found.output;
  EXPECT_EQ(entries_in(found.output), 1) << found.output;
  EXPECT_THAT(found.output, HasSubstr("sAMAccountName: JDoe"));
  EXPECT_THAT(found.output, HasSubstr("displayName: Jane Doe"));
  EXPECT_THAT(found.output, HasSubstr("memberOf: cn=finance,ou=groups," + ldap.suffix()));

  const ToolRun newer = run_tool(search(ldap, ldap.suffix(), {"(uSNChanged>=200000)", "uid"}));
  EXPECT_EQ(entries_in(newer.output), 0) << newer.output;
}

TEST(SlapdPeerAdSchemaTest, WithoutItAnAdShapedUserIsRefused) {
  SlapdPeer ldap;
  EXPECT_THROW(ldap.add(ad_user_ldif(ldap.suffix())), std::runtime_error);
}

TEST(SlapdPeerTlsTest, StartTlsWorksWhenACertificateIsGiven) {
  TempDir certs("printline-slapd-certs");
  const ToolRun made =
      run_tool({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                (certs / "key.pem").string(), "-out", (certs / "cert.pem").string()});
  ASSERT_EQ(made.exit_code, 0) << made.output;

  SlapdPeer::Options options;
  options.tls_cert = certs / "cert.pem";
  options.tls_key = certs / "key.pem";
  SlapdPeer with_tls(options);
  const std::string trust = "LDAPTLS_CACERT=" + (certs / "cert.pem").string();
  const ToolRun secured = run_tool({"env", trust, "ldapwhoami", "-x", "-ZZ", "-H", with_tls.uri(),
                                    "-D", with_tls.admin_dn(), "-w", with_tls.admin_password()});
  EXPECT_EQ(secured.exit_code, 0) << secured.output;

  SlapdPeer without_tls;
  const ToolRun refused =
      run_tool({"env", trust, "ldapwhoami", "-x", "-ZZ", "-H", without_tls.uri()});
  EXPECT_NE(refused.exit_code, 0) << refused.output;
  EXPECT_THAT(refused.output, HasSubstr("ldap_start_tls"));
}

}  // namespace
}  // namespace printline::testing
