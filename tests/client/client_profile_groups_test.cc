// FP-1's "User groups" with real daemons: a Desktop Client profile assigned to a group of
// users reaches its members' desktop clients, the others get the default profile, and a
// change of membership reaches a running client at its next heartbeat — down to where its
// jobs go when the server is down. The same with a group synchronised from a real OpenLDAP,
// its members logging in with their directory passwords.

#include <gtest/gtest.h>

#include "client/running_client.h"
#include "directory/directory_sync.h"
#include "directory/directory_test_fixture.h"
#include "client/test_office.h"
#include "support/file_text.h"
#include "support/must.h"
#include "support/raw_sink_peer.h"

namespace printline::testing {
namespace {

using client::JobState;
using client::StatusView;

const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";

TEST(ClientProfileGroupsTest, MembersGetTheGroupsProfileAndJoiningChangesItAtOnce) {
  // Each printer its own loopback port (a Kyocera device spooling port, FP-9), as fallback
  // printing sends to a printer's port rather than to its device URI.
  TestOffice office(TestOffice::Printers::kKyoceraSpoolingPort);
  RawSinkPeer floor3;
  const auto carol = office.add_user("carol", 10000);
  const auto dan = office.add_user("dan", 10000);
  const auto printer = office.add_printer("floor3", floor3);
  auto accounting = must(office.store().create_user_group(
      {0, "accounting", "third floor", {carol.id}, "", 0, std::nullopt}, store::system_actor()));

  model::ClientProfile everyone;
  everyone.name = "everyone";
  everyone.is_default = true;
  everyone.fallback.enabled = false;
  office.add_profile(everyone);
  model::ClientProfile floor;
  floor.name = "accounting floor";
  floor.assigned_groups = {"accounting"};
  floor.fallback.enabled = true;
  floor.fallback.printer_ids = {printer.id};
  office.add_profile(floor);

  const auto has_profile = [](const std::string& name, bool fallback) {
    return [name, fallback](const StatusView& s) {
      return s.profile_name == name && s.fallback_enabled == fallback;
    };
  };
  RunningClient carol_client(office.base_url());
  carol_client.login("carol", kTestOfficePassword);
  RunningClient dan_client(office.base_url());
  dan_client.login("dan", kTestOfficePassword);
  EXPECT_TRUE(carol_client.wait_for_status(has_profile("accounting floor", true)))
      << carol_client.daemon().status().profile_name;
  EXPECT_TRUE(dan_client.wait_for_status(has_profile("everyone", false)))
      << dan_client.daemon().status().profile_name;

  // Dan joins the group: his running client takes the group's profile.
  accounting.member_ids = {carol.id, dan.id};
  must(office.store().update_user_group(accounting, store::system_actor()));
  ASSERT_TRUE(dan_client.wait_for_status(has_profile("accounting floor", true)))
      << dan_client.daemon().status().profile_name;

  // And with the server down his job goes to the group's fallback printer (FP-7a).
  office.stop_server();
  ASSERT_TRUE(dan_client.wait_for_online(false));
  auto job = must(dan_client.submit_file(kTestPdf, "dan.pdf"));
  auto printed = dan_client.wait_for_state(job.uuid, JobState::kPrintedOffline);
  ASSERT_TRUE(printed);
  EXPECT_EQ(printed->state, JobState::kPrintedOffline) << printed->reason;
  EXPECT_EQ(printed->printer, "floor3");
  EXPECT_EQ(occurrences(floor3.received(), read_file(kTestPdf)), 1);
}

TEST(ClientProfileGroupsTest, AProfileAssignedToADirectoryGroupReachesItsMembersClients) {
  TempDir dir("printline-office-directory");
  SlapdPeer ldap;
  auto source = prepare_directory(ldap, dir);
  source.sync_interval_seconds = 0;
  ldap.add(SlapdPeer::people_ldif(ldap.suffix(), 2));
  ldap.add(SlapdPeer::group_ldif(ldap.suffix(), "finance", {"user00001"}));
  TestOffice office(TestOffice::Printers::kRawSocket, [&](server::ServerConfig& config) {
    config.directories.push_back(source);  // the server checks directory passwords by bind
  });
  // Synchronised here too, on the server's database, so the test says when.
  directory::DirectorySync sync(office.store(), {source});
  must(sync.run("corp", directory::SyncKind::kComplete, false, store::system_actor()));

  model::ClientProfile everyone;
  everyone.name = "everyone";
  everyone.is_default = true;
  office.add_profile(everyone);
  model::ClientProfile finance;
  finance.name = "finance floor";
  finance.assigned_groups = {"finance"};
  office.add_profile(finance);

  const auto has_profile = [](const std::string& name) {
    return [name](const StatusView& s) { return s.profile_name == name; };
  };
  RunningClient member(office.base_url());
  member.login("user00001", "pw-user00001");
  RunningClient other(office.base_url());
  other.login("user00002", "pw-user00002");
  EXPECT_TRUE(member.wait_for_status(has_profile("finance floor")))
      << member.daemon().status().profile_name;
  EXPECT_TRUE(other.wait_for_status(has_profile("everyone")))
      << other.daemon().status().profile_name;

  // The directory adds the other user to the group: the next sync reaches their client.
  ldap.modify("dn: cn=finance,ou=groups," + ldap.suffix() +
              "\nchangetype: modify\nadd: member\nmember: " +
              SlapdPeer::person_dn(ldap.suffix(), "user00002") + "\n");
  must(sync.run("corp", directory::SyncKind::kComplete, false, store::system_actor()));
  EXPECT_TRUE(other.wait_for_status(has_profile("finance floor")))
      << other.daemon().status().profile_name;
}

}  // namespace
}  // namespace printline::testing
