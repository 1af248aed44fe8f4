#include "ipp/ipp_job_ids.h"

#include <fstream>
#include <limits>

namespace printline::ipp {

JobIds::JobIds(std::filesystem::path file, int first_reserved, int lowest)
    : file_(std::move(file)),
      lowest_(lowest > 0 ? lowest : first_reserved),
      next_(first_reserved) {
  if (file_.empty()) return;
  std::ifstream in(file_);
  int id = 0;
  std::string uuid;
  while (in >> id >> uuid) {
    if (id < lowest_) continue;
    uuid_of_[id] = uuid;
    id_of_[uuid] = id;
    if (id >= next_ && id < std::numeric_limits<int>::max()) next_ = id + 1;
  }
}

int JobIds::next_id() {
  if (next_ == std::numeric_limits<int>::max()) next_ = lowest_;  // the range is used up: start over
  return next_++;
}

int JobIds::id_for(const std::string& uuid, int number) {
  std::lock_guard lock(mutex_);
  if (auto it = id_of_.find(uuid); it != id_of_.end()) return it->second;
  if (number > 0) return number;
  const int id = next_id();
  uuid_of_[id] = uuid;
  id_of_[uuid] = id;
  append(id, uuid);
  return id;
}

int JobIds::reserve() {
  std::lock_guard lock(mutex_);
  return next_id();
}

void JobIds::bind(int id, const std::string& uuid) {
  std::lock_guard lock(mutex_);
  uuid_of_[id] = uuid;
  id_of_[uuid] = id;
  append(id, uuid);
}

std::optional<std::string> JobIds::uuid_of(int id) const {
  std::lock_guard lock(mutex_);
  if (auto it = uuid_of_.find(id); it != uuid_of_.end()) return it->second;
  return std::nullopt;
}

void JobIds::append(int id, const std::string& uuid) {
  if (file_.empty()) return;
  // Not fsync'ed: a lost line only means the job shows a new id after a crash; the job
  // itself is durable in the backend (the client's outbox).
  std::ofstream out(file_, std::ios::app);
  out << id << ' ' << uuid << '\n';
}

}  // namespace printline::ipp
