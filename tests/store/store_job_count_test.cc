// Counting jobs for listings a page at a time: the count follows the filter, not the page.

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace printline::store::testing {
namespace {

TEST_P(StoreTest, CountJobsMatchesTheFilterWhateverThePage) {
  auto erin = make_user("erin", 10000);
  auto frank = make_user("frank", 10000);
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(store_->record_job(printed_job(i < 5 ? erin : frank, 10)).ok());
    clock_.advance(std::chrono::seconds(1));
  }
  JobFilter all;
  all.limit = 2;
  all.offset = 4;
  EXPECT_EQ(store_->count_jobs(all).value(), 7);
  EXPECT_EQ(store_->list_jobs(all).value().size(), 2u);

  JobFilter erins;
  erins.owner_id = erin.id;
  erins.limit = 3;
  erins.offset = 3;
  EXPECT_EQ(store_->count_jobs(erins).value(), 5);
  EXPECT_EQ(store_->list_jobs(erins).value().size(), 2u);  // the last, partial page

  JobFilter none;
  none.state = model::JobState::kHeld;
  EXPECT_EQ(store_->count_jobs(none).value(), 0);
}

}  // namespace
}  // namespace printline::store::testing
