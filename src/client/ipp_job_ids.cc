#include "client/ipp_job_ids.h"

#include <fstream>

namespace printline::client {

IppJobIds::IppJobIds(std::filesystem::path file) : file_(std::move(file)) {
  std::ifstream in(file_);
  int id = 0;
  std::string uuid;
  while (in >> id >> uuid) {
    if (id <= 0) continue;
    uuid_of_[id] = uuid;
    id_of_[uuid] = id;
    if (id >= next_) next_ = id + 1;
  }
}

int IppJobIds::id_for(const std::string& uuid) {
  std::lock_guard lock(mutex_);
  if (auto it = id_of_.find(uuid); it != id_of_.end()) return it->second;
  const int id = next_++;
  uuid_of_[id] = uuid;
  id_of_[uuid] = id;
  append(id, uuid);
  return id;
}

int IppJobIds::reserve() {
  std::lock_guard lock(mutex_);
  return next_++;
}

void IppJobIds::bind(int id, const std::string& uuid) {
  std::lock_guard lock(mutex_);
  uuid_of_[id] = uuid;
  id_of_[uuid] = id;
  append(id, uuid);
}

std::optional<std::string> IppJobIds::uuid_of(int id) const {
  std::lock_guard lock(mutex_);
  if (auto it = uuid_of_.find(id); it != uuid_of_.end()) return it->second;
  return std::nullopt;
}

void IppJobIds::append(int id, const std::string& uuid) {
  // Not fsync'ed: a lost line only means the job shows a new id after a crash; the job
  // itself is durable in the outbox.
  std::ofstream out(file_, std::ios::app);
  out << id << ' ' << uuid << '\n';
}

}  // namespace printline::client
