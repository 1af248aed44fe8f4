// Directory sync as the store writes it: one plan in one transaction, on every backend;
// directory and disabled accounts cannot authenticate by anything the store checks.

#include <gtest/gtest.h>

#include "store/card_number.h"
#include "store/store.h"
#include "store_test_support.h"

namespace printline::store::testing {
namespace {

DirectoryAccount account(const std::string& login) {
  return {login, login + " Person", login + "@example.org",
          "uid=" + login + ",ou=people,dc=example,dc=org", std::nullopt};
}

TEST_P(StoreTest, ADirectoryPlanCreatesUpdatesAndDisablesItsOwnAccounts) {
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.create = {account("ann"), account("bob")};
  plan.create[1].card_number = "04 a1 b2 c3";
  plan.create_groups = {{"staff", {"ann", "bob"}}};
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());

  auto ann = *store_->find_user_by_login("ann").value();
  EXPECT_EQ(ann.source, "corp");
  EXPECT_EQ(ann.directory_dn, "uid=ann,ou=people,dc=example,dc=org");
  EXPECT_FALSE(ann.disabled);
  EXPECT_EQ(store_->find_user_by_card("04A1B2C3").value()->login, "bob");
  auto groups = store_->list_user_groups().value();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].source, "corp");
  EXPECT_EQ(groups[0].member_ids.size(), 2u);

  DirectorySyncPlan next;
  next.source = "corp";
  next.update = {account("ann")};
  next.update[0].name = "Ann Renamed";
  next.disable = {"bob"};
  next.update_groups = {{"staff", {"ann"}}};
  ASSERT_TRUE(store_->apply_directory_sync(next, admin_).ok());
  EXPECT_EQ(store_->find_user_by_login("ann").value()->name, "Ann Renamed");
  auto bob = *store_->find_user_by_login("bob").value();
  EXPECT_TRUE(bob.disabled);
  EXPECT_FALSE(store_->find_user_by_card("04A1B2C3").value()) << "a disabled badge opens nothing";
  EXPECT_EQ(store_->groups_of("bob").value(), std::vector<std::string>{});
}

TEST_P(StoreTest, ASyncEnablesOnlyTheAccountsASyncDisabled) {
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.create = {account("jan"), account("kim")};
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());
  DirectorySyncPlan gone;
  gone.source = "corp";
  gone.disable = {"jan"};
  ASSERT_TRUE(store_->apply_directory_sync(gone, admin_).ok());
  auto kim = *store_->find_user_by_login("kim").value();
  kim.disabled = true;  // an administrator's decision
  ASSERT_TRUE(store_->update_user(kim, admin_).ok());
  EXPECT_TRUE(store_->find_user_by_login("jan").value()->disabled_by_directory);
  EXPECT_FALSE(store_->find_user_by_login("kim").value()->disabled_by_directory);

  DirectorySyncPlan back;
  back.source = "corp";
  back.enable = {"jan", "kim"};
  ASSERT_TRUE(store_->apply_directory_sync(back, admin_).ok());
  EXPECT_FALSE(store_->find_user_by_login("jan").value()->disabled);
  EXPECT_TRUE(store_->find_user_by_login("kim").value()->disabled);
}

TEST_P(StoreTest, APlanOnlyTouchesItsOwnSourcesAccounts) {
  auto local = make_user("carl");
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.update = {account("carl")};
  plan.disable = {"carl"};
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());
  EXPECT_EQ(*store_->find_user(local.id).value(), local);
}

TEST_P(StoreTest, TwoSyncsOfOneSourceMakingTheSameAccountsBothSucceed) {
  // Two server nodes planned from the same state: the second finds the accounts and the group
  // made, sets the group's members, and credits nobody twice.
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.create = {account("lea")};
  plan.create_groups = {{"staff", {"lea"}}};
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());
  auto again = store_->apply_directory_sync(plan, admin_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(store_->list_users().value().size(), 1u);
  EXPECT_EQ(store_->groups_of("lea").value(), std::vector<std::string>{"staff"});
  // Another source's plan for the same names is refused, whole.
  plan.source = "other";
  EXPECT_FALSE(store_->apply_directory_sync(plan, admin_).ok());
}

TEST_P(StoreTest, ARefusedPlanWritesNothing) {
  make_user("dora");
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.create = {account("eve"), account("dora")};  // dora exists (a local account)
  auto applied = store_->apply_directory_sync(plan, admin_);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("\"dora\" exists already"), std::string::npos);
  EXPECT_FALSE(store_->find_user_by_login("eve").value()) << "one transaction: eve is not made";
}

TEST_P(StoreTest, NewDirectoryAccountsGetTheirGroupsLargestInitialCreditOnce) {
  DirectorySyncPlan first;
  first.source = "corp";
  first.create = {account("fay")};
  first.create_groups = {{"small", {"fay"}}, {"large", {"fay"}}};
  ASSERT_TRUE(store_->apply_directory_sync(first, admin_).ok());
  EXPECT_EQ(store_->find_user_by_login("fay").value()->balance_cents, 0) << "new groups: 0";
  const auto groups = store_->list_user_groups().value();
  for (auto group : groups) {
    group.initial_credit_cents = group.name == "large" ? 900 : 300;
    ASSERT_TRUE(store_->update_user_group(group, admin_).ok());
  }
  DirectorySyncPlan second;
  second.source = "corp";
  second.create = {account("gus")};
  second.update_groups = {{"small", {"fay", "gus"}}, {"large", {"fay", "gus"}}};
  ASSERT_TRUE(store_->apply_directory_sync(second, admin_).ok());
  auto gus = *store_->find_user_by_login("gus").value();
  EXPECT_EQ(gus.balance_cents, 900);
  EXPECT_EQ(ledger_sum(gus.id), 900);
  EXPECT_EQ(store_->find_user_by_login("fay").value()->balance_cents, 0);
}

TEST_P(StoreTest, DirectoryAndDisabledAccountsCannotAuthenticateHere) {
  DirectorySyncPlan plan;
  plan.source = "corp";
  plan.create = {account("hal")};
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());
  auto hal = *store_->find_user_by_login("hal").value();
  EXPECT_FALSE(store_->verify_login("hal", "").value());
  EXPECT_FALSE(store_->verify_login("hal", "!directory").value());
  EXPECT_FALSE(store_->set_password(hal.id, "a-new-password", admin_).ok())
      << "the directory keeps the password";

  auto ivy = make_user("ivy");
  ASSERT_TRUE(store_->set_pin(ivy.id, "1234", admin_).ok());
  ASSERT_TRUE(store_->set_card(ivy.id, "CARD0001", admin_).ok());
  auto token = store_->issue_token(ivy.id, std::chrono::hours(1)).value();
  ivy = *store_->find_user(ivy.id).value();
  ivy.disabled = true;
  ASSERT_TRUE(store_->update_user(ivy, admin_).ok());
  EXPECT_FALSE(store_->verify_login("ivy", "secret-ivy").value());
  EXPECT_FALSE(store_->verify_pin("ivy", "1234").value());
  EXPECT_FALSE(store_->find_user_by_card("CARD0001").value());
  EXPECT_FALSE(store_->authenticate_token(token.token).value());
  ivy.disabled = false;
  ASSERT_TRUE(store_->update_user(ivy, admin_).ok());
  EXPECT_TRUE(store_->verify_login("ivy", "secret-ivy").value());
}

TEST_P(StoreTest, ALargePlanIsWrittenWholeOrNotAtAll) {
  // 600 accounts (several multi-row statements) in 3 groups; then a plan whose 400th new
  // account carries another user's badge: refused, naming it, and nothing of it written.
  DirectorySyncPlan plan;
  plan.source = "corp";
  for (int i = 0; i < 600; ++i) plan.create.push_back(account("u" + std::to_string(i)));
  plan.create_groups = {{"all", {}}, {"few", {"u1", "u599"}}, {"none", {}}};
  for (const auto& created : plan.create)
    plan.create_groups[0].member_logins.push_back(created.login);
  ASSERT_TRUE(store_->apply_directory_sync(plan, admin_).ok());
  EXPECT_EQ(store_->list_users()->size(), 600u);
  const auto groups = store_->list_user_groups().value();
  for (const auto& group : groups) {
    EXPECT_EQ(group.member_ids.size(), group.name == "all"   ? 600u
                                       : group.name == "few" ? 2u
                                                             : 0u)
        << group.name;
  }

  auto kim = make_user("kim");
  ASSERT_TRUE(store_->set_card(kim.id, "CARD0001", admin_).ok());
  DirectorySyncPlan clash;
  clash.source = "corp";
  for (int i = 0; i < 500; ++i) clash.create.push_back(account("v" + std::to_string(i)));
  clash.create[399].card_number = "CARD0001";
  auto refused = store_->apply_directory_sync(clash, admin_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("the card number of \"v399\" is another user's"),
            std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(store_->find_user_by_login("v0").value());
  EXPECT_EQ(store_->list_users()->size(), 601u);
}

}  // namespace
}  // namespace printline::store::testing
