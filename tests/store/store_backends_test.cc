// The backends every StoreTest runs on. PostgreSQL joins here when it exists.

#include "store_test_support.h"

namespace printline::store::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(&make_sqlite_backend));

}  // namespace printline::store::testing
