// The storage suite on a real PostgreSQL (SPEC §4): one server from tests/support started once
// per test program on first use; every Backend gets a fresh database in it.

#include <memory>
#include <string>

#include "store_test_support.h"
#include "support/postgres_server.h"

namespace printline::store::testing {
namespace {

using printline::testing::PostgresServer;

// The one server of this test program, or why it could not start.
struct SharedServer {
  std::unique_ptr<PostgresServer> server;
  std::string failure;
  int databases = 0;
};

SharedServer& shared_server() {
  static SharedServer shared = [] {
    SharedServer s;
    try {
      s.server = std::make_unique<PostgresServer>();
    } catch (const std::exception& e) {
      s.failure = e.what();
    }
    return s;
  }();
  return shared;
}

class PostgresBackend : public Backend {
 public:
  std::string unavailable_reason() override { return PostgresServer::unavailable_reason(); }

  std::unique_ptr<Store> open(StoreOptions options) override {
    if (conninfo_.empty()) {
      auto& shared = shared_server();
      if (!shared.server) {
        ADD_FAILURE() << "PostgreSQL did not start: " << shared.failure;
        return nullptr;
      }
      try {
        conninfo_ = shared.server->create_database("store_test_" +
                                                   std::to_string(++shared.databases));
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        return nullptr;
      }
    }
    auto store = open_postgres_store(conninfo_, std::move(options));
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(store).value() : nullptr;
  }

 private:
  std::string conninfo_;
};

}  // namespace

std::unique_ptr<Backend> make_postgres_backend() { return std::make_unique<PostgresBackend>(); }

INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(&make_postgres_backend));

}  // namespace printline::store::testing
