#include "store_test_support.h"

#include <stdlib.h>

namespace printline::store::testing {

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "printline-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

class SqliteBackend : public Backend {
 public:
  std::unique_ptr<Store> open(StoreOptions options) override {
    auto store = open_sqlite_store((dir_.path() / "printline.db").string(), std::move(options));
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(store).value() : nullptr;
  }

 private:
  TempDir dir_;
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend() { return std::make_unique<SqliteBackend>(); }

void StoreTest::SetUp() {
  backend_ = GetParam()();
  if (auto reason = backend_->unavailable_reason(); !reason.empty()) GTEST_SKIP() << reason;
  store_ = backend_->open(options());
  ASSERT_NE(store_, nullptr);
}

StoreOptions StoreTest::options() {
  StoreOptions o;
  o.clock = [this] { return clock_.now(); };
  o.hash_cost = HashCost::kMinimum;
  return o;
}

std::unique_ptr<Store> StoreTest::open_another() { return backend_->open(options()); }

model::User StoreTest::make_user(const std::string& login, std::int64_t top_up_cents) {
  model::User u;
  u.login = login;
  u.name = login + " Example";
  u.email = login + "@example.org";
  auto created = store_->create_user(u, "secret-" + login, admin_);
  EXPECT_TRUE(created.ok()) << created.error().message;
  if (top_up_cents > 0) {
    auto entry = store_->top_up(created->id, top_up_cents, "start", admin_);
    EXPECT_TRUE(entry.ok()) << entry.error().message;
  }
  return *store_->find_user(created->id).value();
}

model::Printer StoreTest::make_printer(const std::string& name, const std::string& vendor) {
  model::Printer p;
  p.name = name;
  p.device_uri = "socket://10.1.1.1:9100";
  p.vendor = vendor;
  auto created = store_->create_printer(p, admin_);
  EXPECT_TRUE(created.ok()) << created.error().message;
  return created.value();
}

model::Job StoreTest::printed_job(const model::User& owner, std::int64_t cost_cents,
                                  std::optional<std::int64_t> printer_id) {
  model::Job job;
  job.uuid = new_job_uuid();
  job.owner_id = owner.id;
  job.printer_id = printer_id;
  job.origin = model::JobOrigin::kFallback;
  job.state = model::JobState::kPrinted;
  job.title = "report.pdf";
  job.counts = {3, 1, model::PaperSize::kA4, false, 2};
  job.cost_cents = cost_cents;
  job.submitted_at = clock_.now();
  job.printed_at = clock_.now();
  return job;
}

std::int64_t StoreTest::ledger_sum(std::int64_t user_id) {
  std::int64_t sum = 0;
  const auto entries = store_->ledger_of(user_id);
  for (const auto& e : entries.value()) sum += e.balance_delta();
  return sum;
}

}  // namespace printline::store::testing
