// Held jobs of the local IPP printer: in memory, each document in its own file.

#include "client/local_ipp_held_jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>

#include "core/job_uuid.h"
#include "model/timestamp.h"

namespace printline::client {
namespace {

int seconds_since_epoch() {
  return static_cast<int>(model::now_seconds().time_since_epoch().count());
}

}  // namespace

LocalHeldJobs::LocalHeldJobs(std::filesystem::path dir) : dir_(std::move(dir)) {
  // Documents of a previous run are not held any more (see the header).
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

Result<ipp::JobDescription> LocalHeldJobs::hold(const ipp::NewJob& job,
                                                transport::DocumentSource& document,
                                                const std::string& owner) {
  {
    std::lock_guard lock(mutex_);
    const auto waiting = std::count_if(held_.begin(), held_.end(), [](const auto& entry) {
      return entry.second.shown.state == IPP_JSTATE_HELD;
    });
    if (waiting >= static_cast<std::ptrdiff_t>(kMaxHeldJobs)) {
      return Error{fmt::format("{} jobs are already held at this printer; release or cancel "
                               "some, then print again.",
                               waiting)};
    }
  }
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) {
    return Error{fmt::format("Cannot keep the held job in {}: {}.", dir_.string(),
                             error.message())};
  }
  const std::string uuid = new_job_uuid();
  const auto path = dir_ / uuid;
  std::ofstream out(path, std::ios::binary);
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t bytes = 0;
  while (true) {
    auto got = document.read(buffer);
    if (!got.ok() || !out) {
      out.close();
      std::filesystem::remove(path, error);
      return got.ok() ? Error{fmt::format("Cannot write the held job to {}.", path.string())}
                      : got.error();
    }
    if (*got == 0) break;
    out.write(buffer.data(), static_cast<std::streamsize>(*got));
    bytes += *got;
  }
  out.close();
  Held held;
  held.job = job;
  held.shown.uuid = uuid;
  held.shown.name = job.title;
  held.shown.owner = owner;
  held.shown.state = IPP_JSTATE_HELD;
  held.shown.state_reason = "job-hold-until-specified";
  held.shown.state_message = job.hold_reason;
  held.shown.held_by_pause = job.held_by_pause;
  held.shown.created_at = seconds_since_epoch();
  held.shown.k_octets = static_cast<int>((bytes + 1023) / 1024);
  held.shown.ticket = job.ticket;
  held.shown.document_format = job.document_format;
  std::lock_guard lock(mutex_);
  if (held_.size() >= 2 * kMaxHeldJobs) {  // cancelled ones are shown a while, not forever
    std::erase_if(held_, [](const auto& entry) {
      return entry.second.shown.state != IPP_JSTATE_HELD;
    });
  }
  held_[uuid] = held;
  return held.shown;
}

std::optional<ipp::JobDescription> LocalHeldJobs::find(const std::string& uuid) const {
  std::lock_guard lock(mutex_);
  auto it = held_.find(uuid);
  if (it == held_.end()) return std::nullopt;
  return it->second.shown;
}

std::vector<ipp::JobDescription> LocalHeldJobs::list() const {
  std::vector<ipp::JobDescription> shown;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [uuid, held] : held_) shown.push_back(held.shown);
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  return shown;
}

std::optional<LocalHeldJobs::Released> LocalHeldJobs::take(const std::string& uuid) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(uuid);
  if (it == held_.end() || it->second.shown.state != IPP_JSTATE_HELD) return std::nullopt;
  Released released{it->second.job, dir_ / uuid};
  held_.erase(it);
  return released;
}

bool LocalHeldJobs::cancel(const std::string& uuid) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(uuid);
  if (it == held_.end() || it->second.shown.state != IPP_JSTATE_HELD) return false;
  std::error_code ignored;
  std::filesystem::remove(dir_ / uuid, ignored);
  it->second.shown.state = IPP_JSTATE_CANCELED;
  it->second.shown.state_reason = "job-canceled-by-user";
  it->second.shown.state_message = "Cancelled while held.";
  it->second.shown.completed_at = seconds_since_epoch();
  return true;
}

}  // namespace printline::client
