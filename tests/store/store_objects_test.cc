// CRUD of every object, with its audit entries and its refusals.

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace printline::store::testing {
namespace {

using model::ClientProfile;
using model::DevicePort;
using model::PortProtocol;

TEST_P(StoreTest, UsersRoundTripAndLoginIsUnique) {
  auto alice = make_user("alice");
  EXPECT_GT(alice.id, 0);
  EXPECT_EQ(alice.email, "alice@example.org");
  EXPECT_TRUE(alice.password_hash.starts_with("$argon2id$"));

  model::User again;
  again.login = "alice";
  auto dup = store_->create_user(again, "x", admin_);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("already exists"), std::string::npos);

  alice.name = "Alice Liddell";
  alice.role = model::Role::kAdmin;
  alice.quota = model::Quota{};
  alice.quota->page_limit = 100;
  alice.balance_cents = 1'000'000;  // must be ignored: money moves only through the ledger
  ASSERT_TRUE(store_->update_user(alice, admin_).ok());
  auto found = store_->find_user_by_login("alice").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Alice Liddell");
  EXPECT_EQ(found->role, model::Role::kAdmin);
  EXPECT_EQ(found->quota->page_limit, 100);
  EXPECT_EQ(found->balance_cents, 0);

  EXPECT_FALSE(store_->find_user_by_login("nobody").value());
  EXPECT_EQ(store_->list_users()->size(), 1u);
  ASSERT_TRUE(store_->delete_user(alice.id, admin_).ok());
  EXPECT_FALSE(store_->find_user(alice.id).value());
}

TEST_P(StoreTest, PasswordAndPinVerify) {
  auto bob = make_user("bob");
  EXPECT_TRUE(store_->verify_login("bob", "secret-bob").value());
  EXPECT_FALSE(store_->verify_login("bob", "wrong").value());
  EXPECT_FALSE(store_->verify_login("nobody", "secret-bob").value());
  ASSERT_TRUE(store_->set_password(bob.id, "n3w", admin_).ok());
  EXPECT_FALSE(store_->verify_login("bob", "secret-bob").value());
  EXPECT_TRUE(store_->verify_login("bob", "n3w").value());

  EXPECT_FALSE(store_->set_pin(bob.id, std::string_view("12"), admin_).ok());
  ASSERT_TRUE(store_->set_pin(bob.id, std::string_view("4711"), admin_).ok());
  EXPECT_TRUE(store_->verify_pin("bob", "4711").value());
  EXPECT_FALSE(store_->verify_pin("bob", "4712").value());
  ASSERT_TRUE(store_->set_pin(bob.id, std::nullopt, admin_).ok());
  EXPECT_FALSE(store_->verify_pin("bob", "4711").value());
}

// Release stations know people by their badge: the number as a reader types it (spaces and
// case do not matter), kept only as a hash, one user per card.
TEST_P(StoreTest, BadgesFindTheirOneUser) {
  auto bob = make_user("bob");
  auto eve = make_user("eve");
  EXPECT_FALSE(store_->set_card(bob.id, std::string_view("12"), admin_).ok());
  EXPECT_FALSE(store_->set_card(bob.id, std::string_view("04A2-B9C1"), admin_).ok());
  ASSERT_TRUE(store_->set_card(bob.id, std::string_view("04a2 b9c1"), admin_).ok());
  auto found = store_->find_user_by_card("04A2B9C1\n").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->login, "bob");
  EXPECT_TRUE(found->card_hash.has_value());
  EXPECT_EQ(found->card_hash->find("04A2"), std::string::npos);  // not the number itself
  EXPECT_FALSE(store_->find_user_by_card("04A2B9C2").value());
  auto taken = store_->set_card(eve.id, std::string_view("04A2B9C1"), admin_);
  ASSERT_FALSE(taken.ok());
  EXPECT_NE(taken.error().message.find("another user's"), std::string::npos);
  ASSERT_TRUE(store_->set_card(bob.id, std::nullopt, admin_).ok());
  EXPECT_FALSE(store_->find_user_by_card("04A2B9C1").value());
  ASSERT_TRUE(store_->set_card(eve.id, std::string_view("04A2B9C1"), admin_).ok());
}

TEST_P(StoreTest, TokensAuthenticateUntilRevokedOrExpired) {
  auto carol = make_user("carol");
  auto token = store_->issue_token(carol.id, std::chrono::hours(1));
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(token->token.starts_with("plt_"));
  auto who = store_->authenticate_token(token->token).value();
  ASSERT_TRUE(who);
  EXPECT_EQ(who->login, "carol");
  EXPECT_FALSE(store_->authenticate_token(token->token + "x").value());

  ASSERT_TRUE(store_->revoke_token(token->id).ok());
  EXPECT_FALSE(store_->authenticate_token(token->token).value());

  auto short_lived = store_->issue_token(carol.id, std::chrono::seconds(60)).value();
  EXPECT_TRUE(store_->authenticate_token(short_lived.token).value());
  clock_.advance(std::chrono::seconds(60));
  EXPECT_FALSE(store_->authenticate_token(short_lived.token).value());

  auto a = store_->issue_token(carol.id, std::chrono::hours(1)).value();
  auto b = store_->issue_token(carol.id, std::chrono::hours(1)).value();
  EXPECT_NE(a.token, b.token);
  ASSERT_TRUE(store_->revoke_tokens_of(carol.id).ok());
  EXPECT_FALSE(store_->authenticate_token(a.token).value());
  EXPECT_FALSE(store_->authenticate_token(b.token).value());
}

TEST_P(StoreTest, PrintersGroupsQueues) {
  auto kyocera = make_printer("hall-kyocera", "Kyocera");
  kyocera.spooling_port = DevicePort{PortProtocol::kLpr, 515, "spool"};
  kyocera.largest_paper = model::PaperSize::kA3;
  // D11: the language and capabilities are kept (migration 7).
  kyocera.language = model::PrinterLanguage::kPclXl;
  kyocera.paper_sizes = {model::PaperSize::kA4, model::PaperSize::kA3};
  kyocera.document_formats = {"application/pdf", "application/vnd.hp-pclxl"};
  ASSERT_TRUE(store_->update_printer(kyocera, admin_).ok());
  EXPECT_EQ(store_->find_printer(kyocera.id).value(), kyocera);
  auto hp = make_printer("hp");

  model::Printer bad;
  bad.name = "broken";
  bad.device_uri = "not a uri";
  EXPECT_FALSE(store_->create_printer(bad, admin_).ok());

  auto group = store_->create_group({0, "hall", "ground floor", {hp.id, kyocera.id}}, admin_);
  ASSERT_TRUE(group.ok()) << group.error().message;
  EXPECT_EQ(store_->find_group(group->id).value()->printer_ids,
            (std::vector<std::int64_t>{hp.id, kyocera.id}));
  EXPECT_FALSE(store_->create_group({0, "ghosts", "", {9999}}, admin_).ok());

  auto queue = store_->create_queue(
      {0, "secure", model::QueueKind::kHold, std::nullopt, std::nullopt, std::nullopt, {}}, admin_);
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  auto direct = store_->create_queue(
      {0, "hall", model::QueueKind::kDirect, std::nullopt, group->id, std::nullopt, {}}, admin_);
  ASSERT_TRUE(direct.ok()) << direct.error().message;
  EXPECT_FALSE(store_
                   ->create_queue({0, "nowhere", model::QueueKind::kDirect, std::nullopt,
                                   std::nullopt, std::nullopt, {}},
                                  admin_)
                   .ok());
  EXPECT_EQ(store_->find_queue_by_name("hall").value()->group_id, group->id);
  EXPECT_EQ(store_->list_queues()->size(), 2u);

  // A group a queue prints on cannot vanish under it.
  auto refused = store_->delete_group(group->id, admin_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("target of a queue"), std::string::npos);
  ASSERT_TRUE(store_->delete_queue(direct->id, admin_).ok());
  ASSERT_TRUE(store_->delete_group(group->id, admin_).ok());
  ASSERT_TRUE(store_->delete_printer(hp.id, admin_).ok());
  EXPECT_EQ(store_->list_printers()->size(), 1u);
}

// A queue's operator state (IPP Pause-Printer, Disable-Printer) is kept in the database:
// every connection (another server node) reads it, and changing the queue's settings keeps it.
TEST_P(StoreTest, AQueuesPauseIsSharedAndOutlivesItsSettings) {
  auto queue = store_->create_queue(
      {0, "secure", model::QueueKind::kHold, std::nullopt, std::nullopt, std::nullopt, {}}, admin_);
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  EXPECT_EQ(queue->control, model::QueueControl{});
  model::QueueControl control{true, false, model::Timestamp{std::chrono::seconds{1'700'000'000}}};
  ASSERT_TRUE(store_->set_queue_control(queue->id, control).ok());
  auto other = open_another();
  EXPECT_EQ(other->find_queue_by_name("secure").value()->control, control);

  model::PrintQueue renamed = *queue;
  renamed.name = "secure-2";
  renamed.control = {};  // what an administrator's settings carry: no operator state
  auto updated = store_->update_queue(renamed, admin_);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->control, control);
  EXPECT_EQ(store_->list_queues()->front().control, control);
  EXPECT_FALSE(store_->set_queue_control(queue->id + 100, control).ok());
}

TEST_P(StoreTest, PriceListReplacesAsAWhole) {
  model::PriceList prices{{{model::PaperSize::kA4, false, 5}, {model::PaperSize::kA4, true, 20}},
                          50};
  ASSERT_TRUE(store_->set_price_list(prices, admin_).ok());
  EXPECT_EQ(store_->price_list().value(), prices);
  model::PriceList bad = prices;
  bad.duplex_discount_percent = 150;
  EXPECT_FALSE(store_->set_price_list(bad, admin_).ok());
  EXPECT_EQ(store_->price_list().value(), prices);
}

TEST_P(StoreTest, ProfilesAreValidatedVersionedAndHaveOneDefault) {
  auto kyocera = make_printer("office-kyocera", "Kyocera");  // no spooling port
  auto hp = make_printer("hp");
  ClientProfile profile;
  profile.name = "Staff";
  profile.server_addresses = {"printline:8631"};
  profile.fallback.enabled = true;
  profile.fallback.printer_ids = {kyocera.id, hp.id};
  profile.fallback.kx_integration = true;

  auto refused = store_->create_profile(profile, admin_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("office-kyocera"), std::string::npos);
  EXPECT_NE(refused.error().message.find("\"hp\""), std::string::npos);
  EXPECT_TRUE(store_->list_profiles()->empty());

  profile.fallback.kx_integration = false;
  auto saved = store_->create_profile(profile, admin_);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  ASSERT_EQ(saved->warnings.size(), 1u);
  EXPECT_NE(saved->warnings[0].find("jobs may be counted twice"), std::string::npos);
  EXPECT_EQ(saved->profile.version, 1);

  auto stored = store_->find_profile(saved->profile.id).value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, saved->profile);

  stored->heartbeat_interval = std::chrono::seconds(30);
  stored->is_default = true;
  auto updated = store_->update_profile(*stored, admin_);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->profile.version, 2);

  ClientProfile other = profile;
  other.name = "Students";
  other.is_default = true;
  other.assigned_groups = {"students"};
  auto second = store_->create_profile(other, admin_);
  ASSERT_TRUE(second.ok()) << second.error().message;
  // The old default lost its flag, and its version moved so that clients notice.
  auto first = store_->find_profile(saved->profile.id).value();
  EXPECT_FALSE(first->is_default);
  EXPECT_EQ(first->version, 3);

  EXPECT_EQ(store_->profile_for("zoe").value()->name, "Students");  // the default
  first->assigned_users = {"zoe"};
  ASSERT_TRUE(store_->update_profile(*first, admin_).ok());
  EXPECT_EQ(store_->profile_for("zoe").value()->name, "Staff");
  EXPECT_EQ(store_->profile_for("someone").value()->name, "Students");
}

// FP-1's "User groups": the most specific assignment wins — the user, then the smallest of
// the user's groups, then the default profile.
TEST_P(StoreTest, UserGroupsGiveTheirMembersTheirProfile) {
  auto anna = make_user("anna");
  auto bob = make_user("bob");
  auto carl = make_user("carl");
  make_user("dave");
  auto staff = store_->create_user_group(
      {0, "staff", "everyone", {anna.id, bob.id, carl.id}, "", 0, std::nullopt}, admin_);
  ASSERT_TRUE(staff.ok()) << staff.error().message;
  ASSERT_TRUE(
      store_->create_user_group({0, "printroom", "", {anna.id}, "", 0, std::nullopt}, admin_).ok());
  auto unused = store_->create_user_group({0, "unused", "", {}, "", 0, std::nullopt}, admin_);
  ASSERT_TRUE(unused.ok());
  EXPECT_FALSE(store_->create_user_group({0, "staff", "", {}, "", 0, std::nullopt}, admin_).ok());
  EXPECT_FALSE(
      store_->create_user_group({0, "ghosts", "", {999999}, "", 0, std::nullopt}, admin_).ok());

  const auto profile = [&](std::string name, bool is_default, std::vector<std::string> groups,
                           std::vector<std::string> users) {
    ClientProfile p;
    p.name = std::move(name);
    p.server_addresses = {"printline:8631"};
    p.is_default = is_default;
    p.assigned_groups = std::move(groups);
    p.assigned_users = std::move(users);
    auto saved = store_->create_profile(p, admin_);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
  };
  profile("Everyone", true, {}, {});
  profile("Staff", false, {"staff"}, {});
  profile("Print room", false, {"printroom"}, {});
  profile("Carl's", false, {}, {"carl"});

  EXPECT_EQ(store_->profile_for("anna").value()->name, "Print room");  // smaller group
  EXPECT_EQ(store_->profile_for("bob").value()->name, "Staff");
  EXPECT_EQ(store_->profile_for("carl").value()->name, "Carl's");  // the user beats groups
  EXPECT_EQ(store_->profile_for("dave").value()->name, "Everyone");
  EXPECT_EQ(store_->profile_for("nobody").value()->name, "Everyone");
  EXPECT_EQ(store_->groups_of("anna").value(), (std::vector<std::string>{"printroom", "staff"}));

  // A group a profile names keeps its name: renaming or deleting it would detach the profile.
  auto renamed = *staff;
  renamed.name = "employees";
  auto refused = store_->update_user_group(renamed, admin_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("\"Staff\""), std::string::npos);
  EXPECT_FALSE(store_->delete_user_group(staff->id, admin_).ok());
  auto moved = *unused;
  moved.name = "alumni";
  moved.member_ids = {bob.id};
  ASSERT_TRUE(store_->update_user_group(moved, admin_).ok());
  ASSERT_TRUE(store_->delete_user_group(unused->id, admin_).ok());

  // Removing members changes the profile at once; deleting a user leaves the group.
  auto smaller = *staff;
  smaller.member_ids = {anna.id, carl.id};
  ASSERT_TRUE(store_->update_user_group(smaller, admin_).ok());
  EXPECT_EQ(store_->profile_for("bob").value()->name, "Everyone");
  ASSERT_TRUE(store_->delete_user(carl.id, admin_).ok());
  EXPECT_EQ(store_->find_user_group(staff->id).value()->member_ids,
            std::vector<std::int64_t>{anna.id});
  EXPECT_EQ(store_->list_user_groups().value().size(), 2u);
}

TEST_P(StoreTest, EveryAdministrativeChangeIsAudited) {
  auto dave = make_user("dave", 500);  // create + top-up
  auto printer = make_printer("p1");
  ASSERT_TRUE(store_->delete_printer(printer.id, Actor{"root"}).ok());
  auto log = store_->audit_log(10).value();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].action, "delete");
  EXPECT_EQ(log[0].actor, "root");
  EXPECT_EQ(log[0].object_name, "p1");
  EXPECT_EQ(log[2].action, "top-up");
  EXPECT_EQ(log[3].object_kind, "user");
  EXPECT_EQ(log[3].details.find("argon2"), std::string::npos);  // no hashes in the log
}

}  // namespace
}  // namespace printline::store::testing
