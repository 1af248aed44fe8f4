#pragma once
// What the storage tests share: a fake clock, a temporary directory, and the backends the
// typed suite runs on (SQLite now; PostgreSQL will add a factory here).

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "core/job_uuid.h"
#include "store/store.h"

namespace printline::store::testing {

// Starts at 2026-11-24T10:00:00Z; tests move it by hand.
class FakeClock {
 public:
  model::Timestamp now() const { return model::Timestamp{std::chrono::seconds{seconds_.load()}}; }
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }

 private:
  std::atomic<std::int64_t> seconds_{1795514400};
};

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One storage backend under test. open() may be called several times: every Store it returns
// shares the same database (like several server processes).
class Backend {
 public:
  virtual ~Backend() = default;
  // Why this backend cannot run here (the test is skipped with it), or "" when it can.
  virtual std::string unavailable_reason() { return ""; }
  virtual std::unique_ptr<Store> open(StoreOptions options) = 0;
};

using BackendFactory = std::unique_ptr<Backend> (*)();
std::unique_ptr<Backend> make_sqlite_backend();
std::unique_ptr<Backend> make_postgres_backend();  // postgres_backend.cc

// A fixture with one open store, a fake clock and helpers to make objects.
class StoreTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override;
  StoreOptions options();
  std::unique_ptr<Store> open_another();

  model::User make_user(const std::string& login, std::int64_t top_up_cents = 0);
  model::Printer make_printer(const std::string& name, const std::string& vendor = "HP");
  model::Job printed_job(const model::User& owner, std::int64_t cost_cents,
                         std::optional<std::int64_t> printer_id = std::nullopt);
  std::int64_t ledger_sum(std::int64_t user_id);

  FakeClock clock_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Store> store_;
  Actor admin_{"admin"};
};

}  // namespace printline::store::testing
