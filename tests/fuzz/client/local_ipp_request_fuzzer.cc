// Fuzzes what any local process may POST to the desktop client's local IPP printer: bytes →
// libcups decoding from memory → request checks → operations, against an in-memory
// ClientService (the operations only translate; the daemon is not under test here).
// Properties: never crashes; every decoded request gets a response with a status code, which
// encodes and decodes again.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>

#include "ipp/ipp_job_ids.h"
#include "client/local_ipp_operations.h"
#include "ipp/ipp_message.h"

namespace {

using namespace printline;
using client::JobState;
using client::JobView;

// Keeps at most a few jobs so that Get-Jobs and Cancel-Job have something to find.
class MemoryService final : public client::ClientService {
 public:
  Result<JobView> submit(const client::SubmitRequest& request,
                         transport::DocumentSource& document) override {
    char chunk[4096];
    std::uint64_t size = 0;
    for (;;) {
      auto got = document.read(chunk);
      if (!got.ok()) return got.error();
      if (*got == 0) break;
      size += *got;
    }
    std::lock_guard lock(mutex_);
    JobView job;
    job.uuid = "00000000-0000-4000-8000-" + std::to_string(100000000000 + next_++);
    job.title = request.title;
    job.copies = request.copies;
    job.size_bytes = size;
    job.state = static_cast<JobState>(next_ % 11);
    if (jobs_.size() > 16) jobs_.pop_back();
    jobs_.insert(jobs_.begin(), job);
    return job;
  }
  std::vector<JobView> jobs() const override {
    std::lock_guard lock(mutex_);
    return jobs_;
  }
  std::optional<JobView> job(const std::string& uuid) const override {
    std::lock_guard lock(mutex_);
    for (const auto& j : jobs_) {
      if (j.uuid == uuid) return j;
    }
    return std::nullopt;
  }
  Result<JobView> choose(const std::string&, const std::string&) override {
    return Error{"not here"};
  }
  Result<JobView> cancel(const std::string& uuid) override {
    std::lock_guard lock(mutex_);
    for (auto& j : jobs_) {
      if (j.uuid == uuid) {
        j.state = JobState::kCancelled;
        return j;
      }
    }
    return Error{"There is no such job."};
  }
  Result<JobView> retry(const std::string&) override { return Error{"not here"}; }
  client::StatusView status() const override { return {}; }
  Result<client::StatusView> login(const std::string&, const std::string&,
                                   const client::AcceptedCertificate&) override {
    return Error{"not here"};
  }
  std::vector<client::CandidateView> fallback_printers(const client::PrinterFilter&) override {
    return {};
  }
  std::vector<client::FallbackTestRow> test_fallback(bool) override { return {}; }
  std::unique_ptr<client::Subscription> subscribe(
      std::function<void(const client::ClientEvent&)>) override {
    return nullptr;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<JobView> jobs_;
  std::uint64_t next_ = 0;
};

// The bytes after the IPP message, as the HTTP body would hand them over.
class SpanDocument final : public transport::DocumentSource {
 public:
  explicit SpanDocument(std::span<const char> bytes) : bytes_(bytes) {}
  Result<std::size_t> read(std::span<char> buffer) override {
    const std::size_t count = std::min(buffer.size(), bytes_.size() - position_);
    std::copy_n(bytes_.data() + position_, count, buffer.data());
    position_ += count;
    return count;
  }
  std::optional<std::uint64_t> size() const override { return bytes_.size(); }

 private:
  std::span<const char> bytes_;
  std::size_t position_ = 0;
};

struct World {
  MemoryService service;
  std::unique_ptr<ipp::JobIds> ids;
  std::unique_ptr<client::LocalIppOperations> operations;
  World() {
    char dir[] = "/tmp/printline-local-ipp-fuzz-XXXXXX";
    if (!::mkdtemp(dir)) std::abort();
    ids = std::make_unique<ipp::JobIds>(std::filesystem::path(dir) / "local-ipp-job-ids", 1);
    operations = std::make_unique<client::LocalIppOperations>(service, *ids, "user",
                                                              std::filesystem::path(dir));
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::span<const char> bytes(reinterpret_cast<const char*>(data), size);
  std::size_t consumed = 0;
  ipp::IppPtr request = ipp::read_ipp_from_memory(bytes, &consumed);
  if (!request) return 0;
  SpanDocument document(bytes.subspan(consumed));
  ipp::IppPtr response = world.operations->handle(request.get(), &document, "127.0.0.1:631");
  if (!response || ippGetStatusCode(response.get()) < 0) std::abort();
  const std::string encoded = ipp::encode_ipp(response.get());
  std::size_t again = 0;
  if (!ipp::read_ipp_from_memory(encoded, &again)) std::abort();
  return 0;
}
