// The directory sync's plan (what is created, updated, enabled, disabled, and what is left
// alone and why), and the directory source's configuration, without a directory.

#include "directory/sync_planner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "directory/directory_source.h"
#include "store/card_number.h"

namespace printline::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

store::DirectoryAccount listed(const std::string& login, const std::string& name = "") {
  return {login, name.empty() ? login + " Person" : name, login + "@example.org",
          "uid=" + login + ",ou=people,dc=example,dc=org", std::nullopt};
}

model::User stored(std::int64_t id, const std::string& login, const std::string& source = "corp") {
  model::User user;
  user.id = id;
  user.login = login;
  user.name = login + " Person";
  user.email = login + "@example.org";
  user.source = source;
  if (!source.empty()) user.directory_dn = "uid=" + login + ",ou=people,dc=example,dc=org";
  return user;
}

std::vector<std::string> logins(const std::vector<store::DirectoryAccount>& accounts) {
  std::vector<std::string> out;
  for (const auto& a : accounts) out.push_back(a.login);
  return out;
}

std::vector<std::string> names(const std::vector<store::DirectoryGroup>& groups) {
  std::vector<std::string> out;
  for (const auto& g : groups) out.push_back(g.name);
  return out;
}

TEST(SyncPlannerTest, NewAccountsAreCreatedKnownOnesUpdatedOnlyWhenTheyChanged) {
  DirectoryListing listing;
  listing.accounts = {listed("ann"), listed("bob", "Robert New Name"), listed("cat")};
  const auto plan = plan_sync("corp", listing, {stored(1, "bob"), stored(2, "cat")}, {});
  EXPECT_THAT(logins(plan.create), ElementsAre("ann"));
  EXPECT_THAT(logins(plan.update), ElementsAre("bob"));
  EXPECT_EQ(plan.unchanged, 1);
  EXPECT_THAT(plan.disable, IsEmpty());
  EXPECT_THAT(plan.warnings, IsEmpty());
}

TEST(SyncPlannerTest, ACardNumberIsComparedByItsHashWhenTheSourceMapsCards) {
  DirectoryListing listing;
  listing.has_cards = true;
  auto bob = listed("bob");
  bob.card_number = "04 a1 b2 c3";
  listing.accounts = {bob};
  auto stored_bob = stored(1, "bob");
  stored_bob.card_hash = store::card_number_hash("04A1B2C3");
  EXPECT_EQ(plan_sync("corp", listing, {stored_bob}, {}).unchanged, 1);
  stored_bob.card_hash = store::card_number_hash("99999999");
  EXPECT_THAT(logins(plan_sync("corp", listing, {stored_bob}, {}).update), ElementsAre("bob"));
  // Without a card attribute, badges are the administrators' and are left alone.
  listing.has_cards = false;
  const auto plan = plan_sync("corp", listing, {stored_bob}, {});
  EXPECT_EQ(plan.unchanged, 1);
  EXPECT_FALSE(plan.manages_cards);
}

TEST(SyncPlannerTest, OnlyACompleteListingDisablesAndAReturningAccountIsEnabled) {
  auto gone = stored(1, "gone");
  auto back = stored(2, "back");
  back.disabled = true;
  back.disabled_by_directory = true;
  DirectoryListing listing;
  listing.accounts = {listed("back")};

  listing.complete = false;
  auto incremental = plan_sync("corp", listing, {gone, back}, {});
  EXPECT_THAT(incremental.disable, IsEmpty());
  EXPECT_THAT(incremental.enable, ElementsAre("back"));
  EXPECT_THAT(incremental.update, IsEmpty());
  EXPECT_FALSE(incremental.changes_nothing());

  listing.complete = true;
  EXPECT_THAT(plan_sync("corp", listing, {gone, back}, {}).disable, ElementsAre("gone"));
}

TEST(SyncPlannerTest, AnAccountAnAdministratorDisabledStaysDisabled) {
  auto held = stored(1, "held");
  held.disabled = true;  // by an administrator: not by a sync
  DirectoryListing listing;
  listing.accounts = {listed("held")};
  const auto plan = plan_sync("corp", listing, {held}, {});
  EXPECT_THAT(plan.enable, IsEmpty());
  EXPECT_TRUE(plan.changes_nothing());
  // Nor is it disabled again (by the directory) when the directory drops it.
  listing.accounts = {listed("other")};
  EXPECT_THAT(plan_sync("corp", listing, {held}, {}).disable, IsEmpty());
}

TEST(SyncPlannerTest, AListingWithNoAccountAtAllDisablesNobody) {
  DirectoryListing listing;  // complete, empty: a wrong base DN or filter, not a fired company
  const auto plan = plan_sync("corp", listing, {stored(1, "ann"), stored(2, "bob")}, {});
  EXPECT_THAT(plan.disable, IsEmpty());
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_THAT(plan.warnings[0], HasSubstr("nobody was disabled"));
}

TEST(SyncPlannerTest, LocalAndOtherDirectoriesAccountsAreNeverTakenOver) {
  DirectoryListing listing;
  listing.accounts = {listed("admin"), listed("eve")};
  const auto plan =
      plan_sync("corp", listing, {stored(1, "admin", ""), stored(2, "eve", "other")}, {});
  EXPECT_THAT(plan.create, IsEmpty());
  EXPECT_THAT(plan.update, IsEmpty());
  ASSERT_EQ(plan.warnings.size(), 2u);
  EXPECT_THAT(plan.warnings[0], HasSubstr("\"admin\" is a local account"));
  EXPECT_THAT(plan.warnings[1], HasSubstr("directory \"other\""));
  // And the other directory's account is not disabled by this one's complete listing.
  EXPECT_THAT(plan.disable, IsEmpty());
}

TEST(SyncPlannerTest, ALocalAccountIsNeverMadeAMemberOfADirectoryGroup) {
  DirectoryListing listing;
  listing.accounts = {listed("admin"), listed("ann")};
  listing.groups = {
      {"staff", {"uid=admin,ou=people,dc=example,dc=org", "uid=ann,ou=people,dc=example,dc=org"}}};
  const auto plan = plan_sync("corp", listing, {stored(1, "admin", "")}, {});
  ASSERT_EQ(plan.create_groups.size(), 1u);
  EXPECT_THAT(plan.create_groups[0].member_logins, ElementsAre("ann"));
}

TEST(SyncPlannerTest, UnusableAndRepeatedLoginsAreLeftOutWithAReason) {
  DirectoryListing listing;
  auto twice = listed("ann");
  twice.dn = "uid=ann,ou=other,dc=example,dc=org";
  auto bad_card = listed("cat");
  bad_card.card_number = "12-34";
  listing.accounts = {listed("ann"), twice, listed("with space"), listed(""), bad_card};
  const auto plan = plan_sync("corp", listing, {}, {});
  EXPECT_THAT(logins(plan.create), ElementsAre("ann", "cat"));
  ASSERT_EQ(plan.warnings.size(), 4u);
  EXPECT_THAT(plan.warnings[0], HasSubstr("listed twice"));
  EXPECT_THAT(plan.warnings[1], HasSubstr("no usable login"));
  EXPECT_THAT(plan.warnings[3], HasSubstr("card number of \"cat\""));
}

TEST(SyncPlannerTest, GroupMembersAreFoundByDnWhateverTheCaseAndSpacing) {
  DirectoryListing listing;
  listing.accounts = {listed("ann"), listed("bob")};
  listing.groups = {
      {"staff",
       {"UID=ann, OU=People, DC=example, DC=org", "uid=bob,ou=people,dc=example,dc=org",
        "uid=stranger,ou=people,dc=example,dc=org"}}};
  const auto plan = plan_sync("corp", listing, {}, {});
  ASSERT_EQ(plan.create_groups.size(), 1u);
  EXPECT_EQ(plan.create_groups[0].name, "staff");
  EXPECT_THAT(plan.create_groups[0].member_logins, ElementsAre("ann", "bob"));
}

TEST(SyncPlannerTest, AnIncrementalListingFindsMembersAmongAccountsSyncedBefore) {
  DirectoryListing listing;
  listing.complete = false;
  listing.accounts = {listed("new")};
  listing.groups = {
      {"staff", {"uid=old,ou=people,dc=example,dc=org", "uid=new,ou=people,dc=example,dc=org"}}};
  model::UserGroup staff{7, "staff", "", {1}, "corp", 0, std::nullopt};
  const auto plan = plan_sync("corp", listing, {stored(1, "old")}, {staff});
  ASSERT_EQ(plan.update_groups.size(), 1u);
  EXPECT_THAT(plan.update_groups[0].member_logins, ElementsAre("new", "old"));
}

TEST(SyncPlannerTest, PosixGroupsNameTheirMembersByLogin) {
  DirectoryListing listing;
  listing.members_are_dns = false;
  listing.accounts = {listed("ann")};
  listing.groups = {{"print", {"ann", "local-admin"}}};
  const auto plan = plan_sync("corp", listing, {stored(1, "local-admin", "")}, {});
  ASSERT_EQ(plan.create_groups.size(), 1u);
  EXPECT_THAT(plan.create_groups[0].member_logins, ElementsAre("ann"));  // not the local one
}

TEST(SyncPlannerTest, GroupsChangeOnlyWhenTheirMembersDoAndLocalGroupsAreLeftAlone) {
  DirectoryListing listing;
  listing.accounts = {listed("ann"), listed("bob")};
  listing.groups = {{"same", {"uid=ann,ou=people,dc=example,dc=org"}},
                    {"moved", {"uid=bob,ou=people,dc=example,dc=org"}},
                    {"finance", {"uid=ann,ou=people,dc=example,dc=org"}}};
  const std::vector<model::User> users = {stored(1, "ann"), stored(2, "bob")};
  const std::vector<model::UserGroup> groups = {
      {10, "same", "", {1}, "corp", 0, std::nullopt},
      {11, "moved", "", {1}, "corp", 0, std::nullopt},
      {12, "finance", "", {}, "", 0, std::nullopt},         // a local group of the same name
      {13, "dissolved", "", {2}, "corp", 0, std::nullopt},  // no longer in the directory
  };
  const auto plan = plan_sync("corp", listing, users, groups);
  EXPECT_THAT(plan.create_groups, IsEmpty());
  EXPECT_THAT(names(plan.update_groups), ElementsAre("moved", "dissolved"));
  EXPECT_THAT(plan.update_groups[1].member_logins, IsEmpty());
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_THAT(plan.warnings[0], HasSubstr("\"finance\" is a local group"));
}

TEST(DirectorySourceTest, PresetsFillTheAttributeNamesAndKeysOverrideThem) {
  auto ad = directory_source_from_json({{"name", "ad"},
                                        {"preset", "active-directory"},
                                        {"uri", "ldaps://dc.example.org"},
                                        {"base_dn", "dc=example,dc=org"},
                                        {"card_attribute", "employeeNumber"}});
  ASSERT_TRUE(ad.ok()) << ad.error().message;
  EXPECT_EQ(ad->login_attribute, "sAMAccountName");
  EXPECT_EQ(ad->name_attribute, "displayName");
  EXPECT_EQ(ad->change_attribute, "uSNChanged");
  EXPECT_EQ(ad->card_attribute, "employeeNumber");
  EXPECT_THAT(ad->user_filter, HasSubstr("userAccountControl"));

  auto ldap = directory_source_from_json(
      {{"name", "corp"}, {"uri", "ldap://127.0.0.1"}, {"base_dn", "dc=example,dc=org"}});
  ASSERT_TRUE(ldap.ok()) << ldap.error().message;
  EXPECT_EQ(ldap->login_attribute, "uid");
  EXPECT_TRUE(ldap->starttls);
  EXPECT_EQ(ldap->change_attribute, "modifyTimestamp");
}

TEST(DirectorySourceTest, MistakesAreRefusedWithWhatToFix) {
  const nlohmann::json good = {
      {"name", "corp"}, {"uri", "ldap://127.0.0.1"}, {"base_dn", "dc=example,dc=org"}};
  auto with = [&](const char* key, nlohmann::json value) {
    auto json = good;
    json[key] = std::move(value);
    return directory_source_from_json(json);
  };
  EXPECT_THAT(with("bsae_dn", "x").error().message, HasSubstr("unknown directory source key"));
  EXPECT_THAT(with("uri", "http://x").error().message, HasSubstr("ldap:// or ldaps://"));
  EXPECT_THAT(with("base_dn", "").error().message, HasSubstr("base_dn is required"));
  EXPECT_THAT(with("bind_dn", "cn=x").error().message, HasSubstr("bind_password_file"));
  EXPECT_THAT(with("page_size", 0).error().message, HasSubstr("page_size"));
  EXPECT_THAT(with("preset", "novell").error().message, HasSubstr("openldap or"));
  EXPECT_THAT(with("page_size", "many").error().message, HasSubstr("wrong type"));
}

}  // namespace
}  // namespace printline::directory
