// Desktop clients' heartbeat reports: the latest per client, stamped with the store's clock,
// listed with the login, gone with the user.

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace printline::store::testing {
namespace {

model::ClientReport report(const std::string& client_id, const model::User& user,
                           std::int64_t awaiting) {
  model::ClientReport r;
  r.client_id = client_id;
  r.user_id = user.id;
  r.hostname = "ws-" + client_id;
  r.os_user = user.login;
  r.fallback_jobs_awaiting_upload = awaiting;
  return r;
}

TEST_P(StoreTest, AClientsNewReportReplacesItsLastOneOfTheSameUserOnly) {
  auto alice = make_user("alice");
  auto bob = make_user("bob");
  ASSERT_TRUE(store_->record_client_report(report("c-1", alice, 3)).ok());
  clock_.advance(std::chrono::seconds(10));
  ASSERT_TRUE(store_->record_client_report(report("c-2", bob, 0)).ok());
  clock_.advance(std::chrono::seconds(10));
  // Bob sends alice's client id (D12): his own row, alice's stays as she reported it.
  auto forged = report("c-1", bob, 0);
  forged.hostname = "ws-renamed";
  ASSERT_TRUE(store_->record_client_report(forged).ok());
  clock_.advance(std::chrono::seconds(10));
  // Alice's client reports again: it replaces her own row.
  auto again = report("c-1", alice, 1);
  ASSERT_TRUE(store_->record_client_report(again).ok());

  auto reports = store_->client_reports();
  ASSERT_TRUE(reports.ok()) << reports.error().message;
  ASSERT_EQ(reports->size(), 3u);
  const auto& newest = (*reports)[0];
  EXPECT_EQ(newest.client_id, "c-1");
  EXPECT_EQ(newest.login, "alice");
  EXPECT_EQ(newest.hostname, "ws-c-1");
  EXPECT_EQ(newest.fallback_jobs_awaiting_upload, 1);
  EXPECT_EQ(newest.reported_at, clock_.now());
  EXPECT_EQ((*reports)[1].client_id, "c-1");
  EXPECT_EQ((*reports)[1].login, "bob");
  EXPECT_EQ((*reports)[1].hostname, "ws-renamed");
  EXPECT_EQ((*reports)[2].client_id, "c-2");
}

TEST_P(StoreTest, ClientReportsAreReadByAnotherStoreAndGoWithTheirUser) {
  auto carol = make_user("carol");
  ASSERT_TRUE(store_->record_client_report(report("c-3", carol, 7)).ok());
  auto other = open_another();
  auto seen = other->client_reports();
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].fallback_jobs_awaiting_upload, 7);
  EXPECT_EQ((*seen)[0].login, "carol");

  // A report does not keep a user from being deleted; it goes with them.
  ASSERT_TRUE(store_->delete_user(carol.id, admin_).ok());
  EXPECT_TRUE(store_->client_reports()->empty());
}

TEST_P(StoreTest, AClientReportForNoKnownUserOrACountOutOfRangeIsRefused) {
  model::User ghost;
  ghost.id = 9999;
  ghost.login = "ghost";
  EXPECT_FALSE(store_->record_client_report(report("c-4", ghost, 1)).ok());
  auto dave = make_user("dave");
  EXPECT_FALSE(store_->record_client_report(report("c-5", dave, -1)).ok());
  // Counts are bounded (D12), so the dashboard's sum of them cannot overflow.
  EXPECT_FALSE(store_->record_client_report(report("c-6", dave, INT64_MAX)).ok());
  EXPECT_FALSE(store_->record_client_report(report("c-6", dave, 1'000'001)).ok());
  EXPECT_TRUE(store_->client_reports()->empty());
}

}  // namespace
}  // namespace printline::store::testing
