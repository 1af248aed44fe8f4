#pragma once
// A store in a temporary directory with a priced user and printers, for job pipeline tests.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "model/job.h"
#include "server/job_service.h"
#include "server/server_config.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace printline::testing {

// A real one-page A4 PDF that nobody here wrote (SPEC §4).
inline const std::filesystem::path kTestPdf = "/usr/share/cups/data/default-testpage.pdf";
inline constexpr std::int64_t kMonoA4Cents = 10;
inline constexpr std::int64_t kColorA4Cents = 50;

std::string read_file(const std::filesystem::path& path);

class JobFixture {
 public:
  JobFixture();
  ~JobFixture();

  store::Store& store() { return *store_; }
  server::ServerConfig& config() { return config_; }
  server::JobService& jobs() { return *jobs_; }
  void start_jobs();  // (re)starts the job service on the store
  void stop_jobs();

  model::User user(const std::string& login, std::int64_t balance_cents);
  model::Printer printer(const std::string& name, const std::string& uri, bool color = false);
  model::PrintQueue direct_queue(const std::string& name, const model::Printer& printer);
  model::PrintQueue group_queue(const std::string& name, std::vector<std::int64_t> printer_ids);
  model::PrintQueue hold_queue(const std::string& name);

  server::JobResult<store::RecordedJob> submit(const model::User& owner, const std::string& queue,
                                               const std::string& uuid = "");
  // The job once it reaches state, or the last state seen after the timeout; its outcome as
  // people read it (model/job_outcome.h), in English.
  model::Job wait_for(const std::string& uuid, model::JobState state,
                      std::chrono::milliseconds timeout = std::chrono::seconds(20));
  std::int64_t balance(std::int64_t user_id);
  int charges(std::int64_t user_id);

 private:
  TempDir dir_{"printline-jobs"};
  server::ServerConfig config_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<server::JobService> jobs_;
};

}  // namespace printline::testing
