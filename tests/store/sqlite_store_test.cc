// SQLite specifics: migrations, the database-level once-only guarantee, and what an
// interrupted transaction leaves behind (nothing).

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "store/sql/schema.h"
#include "store_test_support.h"

namespace printline::store::testing {
namespace {

// Every migration this build has: each test below expects all of them applied.
const int kMigrations = static_cast<int>(sql::schema_migrations().size());
const int kNewestVersion = sql::schema_migrations().back().version;

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::string path() const { return (dir_.path() / "printline.db").string(); }

  StoreOptions options() {
    StoreOptions o;
    o.clock = [this] { return clock_.now(); };
    o.hash_cost = HashCost::kMinimum;
    return o;
  }

  std::unique_ptr<Store> open(StoreOptions o) {
    auto store = open_sqlite_store(path(), std::move(o));
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Runs SQL on a raw connection, as another program (or a bug) would; returns the SQLite code.
  int raw_sql(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path().c_str(), &db);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  std::int64_t raw_count(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path().c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
    std::int64_t n = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

  model::Job job_for(std::int64_t owner, std::int64_t cost) {
    model::Job job;
    job.uuid = new_job_uuid();
    job.owner_id = owner;
    job.origin = model::JobOrigin::kFallback;
    job.state = model::JobState::kPrinted;
    job.counts.pages = 1;
    job.cost_cents = cost;
    job.submitted_at = clock_.now();
    return job;
  }

  FakeClock clock_;
  TempDir dir_;
  Actor admin_{"admin"};
};

TEST_F(SqliteStoreTest, MigratesFromEmptyAndReopensWithoutReapplying) {
  {
    auto store = open(options());
    ASSERT_NE(store, nullptr);
  }
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM schema_migrations"), kMigrations);
  EXPECT_EQ(raw_count("SELECT MAX(version) FROM schema_migrations"), kNewestVersion);
  {
    sqlite3* db = nullptr;
    sqlite3_open(path().c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  clock_.advance(std::chrono::hours(1));
  auto store = open(options());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM schema_migrations"), kMigrations);
  EXPECT_EQ(raw_count("SELECT MAX(applied_at) FROM schema_migrations"), 1795514400);
}

TEST_F(SqliteStoreTest, AppliesOnlyTheMissingMigrations) {
  { ASSERT_NE(open(options()), nullptr); }
  // Pretend the database was made by a build that knew only migration 1.
  ASSERT_EQ(raw_sql("DROP INDEX jobs_by_owner; DROP INDEX jobs_by_printer; DROP INDEX jobs_by_time;"
                    "DROP INDEX ledger_by_user; DELETE FROM schema_migrations WHERE version = 2"),
            SQLITE_OK);
  ASSERT_NE(open(options()), nullptr);
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'jobs_by_owner'"), 1);
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM schema_migrations"), kMigrations);
}

TEST_F(SqliteStoreTest, JobsFromBeforeTicketsReadTheDefaultTicket) {
  model::Job old_job;
  {
    auto store = open(options());
    ASSERT_NE(store, nullptr);
    model::User olga;
    olga.login = "olga";
    olga.name = "Olga";
    auto user = store->create_user(olga, "password-olga-1", admin_);
    ASSERT_TRUE(user.ok()) << user.error().message;
    old_job = job_for(user->id, 10);
    ASSERT_TRUE(store->record_job(old_job).ok());
  }
  // Pretend the database was made by a build that knew migrations 1 to 5 only.
  ASSERT_EQ(raw_sql("ALTER TABLE jobs DROP COLUMN ticket; "
                    "ALTER TABLE jobs DROP COLUMN document_format; "
                    "DELETE FROM schema_migrations WHERE version = 6"),
            SQLITE_OK);
  auto store = open(options());
  ASSERT_NE(store, nullptr);
  auto found = store->find_job(old_job.uuid).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->ticket, model::JobTicket{});
  EXPECT_EQ(found->document_format, "");
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM schema_migrations WHERE version = 6"), 1);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerBuild) {
  { ASSERT_NE(open(options()), nullptr); }
  ASSERT_EQ(raw_sql("INSERT INTO schema_migrations VALUES (99, 'future', 0)"), SQLITE_OK);
  auto store = open_sqlite_store(path(), options());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("upgrade Printline"), std::string::npos);
}

TEST_F(SqliteStoreTest, TheDatabaseItselfRefusesASecondChargeOfAUuid) {
  auto store = open(options());
  model::User u;
  u.login = "max";
  auto max = store->create_user(u, "pw", admin_).value();
  auto job = job_for(max.id, 40);
  ASSERT_TRUE(store->record_job(job).ok());
  const std::string insert =
      "INSERT INTO ledger (user_id, kind, amount_cents, balance_after_cents, job_uuid, origin, "
      "actor, created_at) VALUES (" +
      std::to_string(max.id) + ", 'charge', 40, -80, '" + job.uuid + "', 'fallback', 'bug', 0)";
  EXPECT_EQ(raw_sql(insert) & 0xff, SQLITE_CONSTRAINT);
  EXPECT_EQ(raw_sql("INSERT INTO jobs (uuid, owner_id, origin, state, pages, color_pages, paper, "
                    "duplex, copies, cost_cents, submitted_at) SELECT uuid, owner_id, origin, "
                    "state, pages, color_pages, paper, duplex, copies, cost_cents, submitted_at "
                    "FROM jobs") &
                0xff,
            SQLITE_CONSTRAINT);
  EXPECT_EQ(raw_count("SELECT COUNT(*) FROM ledger WHERE kind = 'charge'"), 1);
}

TEST_F(SqliteStoreTest, AFailedTransactionLeavesNothingAndPoisonsTheStore) {
  std::int64_t user_id = 0;
  {
    auto store = open(options());
    model::User u;
    u.login = "nina";
    user_id = store->create_user(u, "pw", admin_)->id;
    ASSERT_TRUE(store->top_up(user_id, 500, "", admin_).ok());
  }
  auto o = options();
  o.fault_point = [](std::string_view point) { return point == "charge:balance-written"; };
  auto store = open(o);
  auto job = job_for(user_id, 70);
  auto r = store->record_job(job);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("injected"), std::string::npos);
  // After a failed write the store refuses to go on (LevelDB's rule).
  auto next = store->top_up(user_id, 1, "", admin_);
  ASSERT_FALSE(next.ok());
  EXPECT_NE(next.error().message.find("no longer trusted"), std::string::npos);
  store.reset();

  auto fresh = open(options());
  EXPECT_FALSE(fresh->find_job(job.uuid).value());
  EXPECT_EQ(fresh->find_user(user_id).value()->balance_cents, 500);
  EXPECT_EQ(fresh->ledger_of(user_id)->size(), 1u);
  auto retried = fresh->record_job(job);
  ASSERT_TRUE(retried.ok());
  EXPECT_TRUE(retried->charged);
  EXPECT_EQ(fresh->find_user(user_id).value()->balance_cents, 430);
}

TEST_F(SqliteStoreTest, AProcessKilledMidTransactionLeavesNothingHalfWritten) {
  std::int64_t user_id = 0;
  {
    auto store = open(options());
    model::User u;
    u.login = "otto";
    user_id = store->create_user(u, "pw", admin_)->id;
    ASSERT_TRUE(store->top_up(user_id, 500, "", admin_).ok());
  }
  const auto job = job_for(user_id, 90);
  for (const char* point :
       {"record_job:inserted", "charge:ledger-written", "charge:balance-written"}) {
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
      // The child dies like a kill -9 would: no rollback, no destructors, no unlock.
      auto o = options();
      const std::string where = point;
      o.fault_point = [where](std::string_view p) {
        if (p == where) _exit(42);
        return false;
      };
      auto store = open_sqlite_store(path(), o);
      if (!store.ok()) _exit(1);
      (void)(*store)->record_job(job);
      _exit(0);  // the fault point was never reached: the test must fail
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 42) << "the child did not stop at " << point;

    auto store = open(options());
    EXPECT_FALSE(store->find_job(job.uuid).value()) << point;
    EXPECT_EQ(store->find_user(user_id).value()->balance_cents, 500) << point;
    EXPECT_EQ(store->ledger_of(user_id)->size(), 1u) << point;
  }
  auto store = open(options());
  ASSERT_TRUE(store->record_job(job)->charged);
  EXPECT_EQ(store->find_user(user_id).value()->balance_cents, 410);
}

TEST_F(SqliteStoreTest, AnInterruptedPriceListChangeKeepsTheOldList) {
  auto store = open(options());
  model::PriceList old_prices{{{model::PaperSize::kA4, false, 5}}, 0};
  ASSERT_TRUE(store->set_price_list(old_prices, admin_).ok());
  store.reset();
  auto o = options();
  int rows = 0;
  o.fault_point = [&rows](std::string_view p) { return p == "set_price_list:row" && ++rows == 2; };
  store = open(o);
  model::PriceList new_prices{
      {{model::PaperSize::kA4, false, 6}, {model::PaperSize::kA3, false, 12}}, 10};
  EXPECT_FALSE(store->set_price_list(new_prices, admin_).ok());
  store = open(options());
  EXPECT_EQ(store->price_list().value(), old_prices);
}

// Reads run on their own connections: one is answered while a write is in the middle of its
// transaction (here held there by the test; in a server, while the commit syncs), and sees the
// database as the last commit left it.
TEST_F(SqliteStoreTest, AReadIsAnsweredWhileAWriteIsInProgress) {
  std::mutex mutex;
  std::condition_variable changed;
  bool writing = false;
  bool finish = false;
  auto o = options();
  o.fault_point = [&](std::string_view point) {
    if (point != "record_job:inserted") return false;
    std::unique_lock lock(mutex);
    writing = true;
    changed.notify_all();
    changed.wait(lock, [&] { return finish; });
    return false;
  };
  auto store = open(std::move(o));
  ASSERT_NE(store, nullptr);
  model::User user;
  user.login = "ana";
  auto owner = store->create_user(user, "secret-pass", admin_);
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  const auto job = job_for(owner->id, 0);
  auto writer = std::async(std::launch::async, [&] { return store->record_job(job); });
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(10), [&] { return writing; }));
  }
  auto reader = std::async(std::launch::async, [&] {
    return std::pair{store->find_user(owner->id), store->find_job(job.uuid)};
  });
  const bool answered = reader.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  {
    std::lock_guard lock(mutex);
    finish = true;
  }
  changed.notify_all();
  ASSERT_TRUE(answered) << "the read waited for the write";
  const auto [found, unwritten] = reader.get();
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->login, "ana");
  ASSERT_TRUE(unwritten.ok());
  EXPECT_FALSE(*unwritten) << "a read saw an uncommitted job";
  ASSERT_TRUE(writer.get().ok());
  EXPECT_TRUE(store->find_job(job.uuid).value());
}

// The write-ahead log is copied into the database file by the store's checkpointer thread, not
// by the commit that fills it (its writer's automatic checkpoint is off).
TEST_F(SqliteStoreTest, TheLogIsCheckpointedInTheBackground) {
  auto store = open(options());
  ASSERT_NE(store, nullptr);
  model::User user;
  user.login = "ben";
  auto owner = store->create_user(user, "secret-pass", admin_);
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  const std::filesystem::path file = path();
  const auto before = std::filesystem::file_size(file);
  const std::string document(256 * 1024, 'x');
  for (int i = 0; i < 24; ++i) {  // 6 MiB: past the 1000 pages (4 MiB) that start a checkpoint
    auto job = job_for(owner->id, 0);
    job.state = model::JobState::kHeld;
    const std::vector<SubmittedJob> one{{job, document}};
    auto recorded = store->record_submitted_jobs(one);
    ASSERT_TRUE(recorded.ok() && (*recorded)[0].ok());
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::file_size(file) < before + (4u << 20) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GE(std::filesystem::file_size(file), before + (4u << 20))
      << "the documents are still only in the log";
}

}  // namespace
}  // namespace printline::store::testing
