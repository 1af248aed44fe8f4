#pragma once
// IPP job-ids of the local IPP printer. The outbox names jobs by UUID; IPP needs small
// integers that stay the same across restarts, so every id given out is appended to a file
// ("<id> <uuid>" per line) and read back at start. Thread-safe.

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace printline::client {

class IppJobIds {
 public:
  // Reads the file if it exists; ids continue after the largest one in it.
  explicit IppJobIds(std::filesystem::path file);

  // The id of a job, given one now if it had none (jobs from the CLI or CUPS).
  int id_for(const std::string& uuid);
  // An id for a Create-Job whose job does not exist yet; bind() it once it does.
  int reserve();
  void bind(int id, const std::string& uuid);
  std::optional<std::string> uuid_of(int id) const;

 private:
  void append(int id, const std::string& uuid);  // under mutex_

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::map<int, std::string> uuid_of_;
  std::map<std::string, int> id_of_;
  int next_ = 1;
};

}  // namespace printline::client
