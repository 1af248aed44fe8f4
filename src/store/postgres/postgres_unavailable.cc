// Built instead of the PostgreSQL backend when libpqxx was not found at configure time.

#include "store/store.h"

namespace printline::store {

Result<std::unique_ptr<Store>> open_postgres_store(const std::string&, StoreOptions) {
  return Error{
      "this Printline was built without PostgreSQL support (libpqxx-dev missing at build "
      "time): use --db sqlite, or rebuild with libpqxx-dev installed"};
}

}  // namespace printline::store
