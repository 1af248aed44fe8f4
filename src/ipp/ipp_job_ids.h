#pragma once
// The one IPP job-id allocator of Printline's IPP printers. IPP names jobs by small integers;
// backends name them by UUID. A job's job-id is, in this order: the id a Create-Job reserved
// for it (bound once its document arrived), the backend's own stable number (the server's
// database id), or an id given now. With a file, every id given or bound is appended to it
// ("<id> <uuid>" per line) and read back at start, so ids stay the same across restarts (the
// desktop client); without one they live in memory (the server, whose jobs have numbers).
// Thread-safe.

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace printline::ipp {

class JobIds {
 public:
  // file: empty for memory only. first_reserved: where ids given here start; with a file, ids
  // continue after the largest one in it. lowest: the least id ever given here, across
  // restarts (the server gives ids from 2^30 up, above its database ids, starting at a point
  // of that range taken from the clock: see ipp_queues.cc); 0: first_reserved.
  JobIds(std::filesystem::path file, int first_reserved, int lowest = 0);

  // The job-id of a job with this uuid and backend number (0: none).
  int id_for(const std::string& uuid, int number);
  // An id for a Create-Job whose job does not exist yet; bind() it once it does.
  int reserve();
  void bind(int id, const std::string& uuid);
  // The uuid bound to an id given here; none for a backend's number.
  std::optional<std::string> uuid_of(int id) const;
  // Whether the id lies where this allocator gives ids (a Create-Job's, perhaps forgotten).
  bool is_given_here(int id) const { return id >= lowest_; }

 private:
  int next_id();                                 // under mutex_
  void append(int id, const std::string& uuid);  // under mutex_

  std::filesystem::path file_;
  const int lowest_;
  mutable std::mutex mutex_;
  std::map<int, std::string> uuid_of_;
  std::map<std::string, int> id_of_;
  int next_;
};

}  // namespace printline::ipp
