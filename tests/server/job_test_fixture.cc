#include "job_test_fixture.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "model/job_outcome.h"
#include "model/ledger_entry.h"
#include "transport/document_source.h"

namespace printline::testing {
namespace {

template <typename T>
T must(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.error().message);
  return std::move(result.value());
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

JobFixture::JobFixture() {
  config_.data_dir = dir_.path();
  config_.print_workers = 2;
  store_ = must(store::open_sqlite_store((dir_ / "printline.db").string()));
  model::PriceList prices;
  for (auto paper : {model::PaperSize::kA5, model::PaperSize::kA4, model::PaperSize::kA3,
                     model::PaperSize::kLetter, model::PaperSize::kLegal}) {
    prices.prices.push_back({paper, false, kMonoA4Cents});
    prices.prices.push_back({paper, true, kColorA4Cents});
  }
  must(store_->set_price_list(prices, store::system_actor()));
  start_jobs();
}

JobFixture::~JobFixture() { stop_jobs(); }

void JobFixture::start_jobs() { jobs_ = must(server::JobService::start(config_, *store_)); }

void JobFixture::stop_jobs() {
  if (jobs_) jobs_->shutdown();
  jobs_.reset();
}

model::User JobFixture::user(const std::string& login, std::int64_t balance_cents) {
  model::User user;
  user.login = login;
  user.name = login;
  user.email = login + "@example.com";
  user = must(store_->create_user(user, "password-" + login, store::system_actor()));
  if (balance_cents > 0)
    must(store_->top_up(user.id, balance_cents, "test", store::system_actor()));
  return *must(store_->find_user(user.id));
}

model::Printer JobFixture::printer(const std::string& name, const std::string& uri, bool color) {
  model::Printer printer;
  printer.name = name;
  printer.device_uri = uri;
  printer.color = color;
  return must(store_->create_printer(printer, store::system_actor()));
}

model::PrintQueue JobFixture::direct_queue(const std::string& name, const model::Printer& printer) {
  model::PrintQueue queue;
  queue.name = name;
  queue.printer_id = printer.id;
  return must(store_->create_queue(queue, store::system_actor()));
}

model::PrintQueue JobFixture::group_queue(const std::string& name,
                                          std::vector<std::int64_t> printer_ids) {
  model::PrinterGroup group;
  group.name = name + "-group";
  group.printer_ids = std::move(printer_ids);
  group = must(store_->create_group(group, store::system_actor()));
  model::PrintQueue queue;
  queue.name = name;
  queue.group_id = group.id;
  return must(store_->create_queue(queue, store::system_actor()));
}

model::PrintQueue JobFixture::hold_queue(const std::string& name) {
  model::PrintQueue queue;
  queue.name = name;
  queue.kind = model::QueueKind::kHold;
  return must(store_->create_queue(queue, store::system_actor()));
}

server::JobResult<store::RecordedJob> JobFixture::submit(const model::User& owner,
                                                         const std::string& queue,
                                                         const std::string& uuid) {
  server::JobSubmission submission;
  submission.uuid = uuid;
  submission.owner = owner;
  submission.queue_name = queue;
  submission.title = "test page";
  submission.document_format = "application/pdf";
  auto document = must(transport::open_document_file(kTestPdf));
  return jobs_->submit(submission, *document);
}

model::Job JobFixture::wait_for(const std::string& uuid, model::JobState state,
                                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto job = must(store_->find_job(uuid));
    if (!job) throw std::runtime_error("no job " + uuid);
    if (job->state == state || std::chrono::steady_clock::now() > deadline) {
      job->outcome = model::outcome_for_reader(job->outcome);  // as people read it
      return *job;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::int64_t JobFixture::balance(std::int64_t user_id) {
  return must(store_->find_user(user_id))->balance_cents;
}

int JobFixture::charges(std::int64_t user_id) {
  int count = 0;
  for (const auto& entry : must(store_->ledger_of(user_id))) {
    if (entry.kind == model::LedgerKind::kCharge) ++count;
  }
  return count;
}

}  // namespace printline::testing
