#include "server/job_spool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "core/fd_io.h"

namespace printline::server {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

JobError disk_failure(std::string message) {
  return JobError{JobErrorKind::kServerFailure, std::move(message)};
}

constexpr std::string_view kMarkSuffix = ".unanalysed";
constexpr std::string_view kOneSidedSuffix = ".unanalysed-one-sided";
constexpr std::string_view kTwoSidedSuffix = ".unanalysed-two-sided";

std::string_view mark_suffix(const UnanalysedMark& mark) {
  if (!mark.duplex) return kMarkSuffix;
  return *mark.duplex ? kTwoSidedSuffix : kOneSidedSuffix;
}

}  // namespace

JobResult<std::uint64_t> JobSpool::write(std::string_view uuid, transport::DocumentSource& document,
                                         std::uint64_t max_bytes,
                                         const std::optional<UnanalysedMark>& mark) const {
  const auto final_path = path_of(uuid);
  const auto part_path = dir_ / fmt::format("{}.part", uuid);
  const auto mark_path =
      mark ? dir_ / fmt::format("{}{}", uuid, mark_suffix(*mark)) : std::filesystem::path();
  std::uint64_t total = 0;
  {
    Fd fd(::open(part_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
      return disk_failure(fmt::format("The server cannot store the document ({}: {}).",
                                      part_path.string(), errno_text()));
    }
    std::array<char, 64 * 1024> buffer{};
    while (true) {
      auto got = document.read(buffer);
      if (!got.ok()) {
        ::unlink(part_path.c_str());
        return JobError{JobErrorKind::kDocumentCut,
                        fmt::format("The document did not arrive whole ({}); send the job again.",
                                    got.error().message)};
      }
      if (*got == 0) break;
      total += *got;
      if (total > max_bytes) {
        ::unlink(part_path.c_str());
        return JobError{
            JobErrorKind::kTooLarge,
            fmt::format(
                "The document is larger than this server accepts ({} bytes at most); print fewer "
                "pages at a time or ask an administrator to raise max_upload_bytes.",
                max_bytes)};
      }
      if (!write_all(fd.get(), buffer.data(), *got)) {
        const auto why = errno_text();
        ::unlink(part_path.c_str());
        return disk_failure(fmt::format("The server cannot store the document: {}.", why));
      }
    }
    if (::fsync(fd.get()) != 0) {
      const auto why = errno_text();
      ::unlink(part_path.c_str());
      return disk_failure(fmt::format("The server cannot store the document (fsync: {}).", why));
    }
  }
  if (mark) {
    // An empty file: its name is the whole mark, made durable by the directory sync below.
    Fd marker(::open(mark_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (marker.get() < 0) {
      const auto why = errno_text();
      ::unlink(part_path.c_str());
      return disk_failure(fmt::format("The server cannot store the document (marker {}: {}).",
                                      mark_path.string(), why));
    }
  }
  if (::rename(part_path.c_str(), final_path.c_str()) != 0) {
    const auto why = errno_text();
    ::unlink(part_path.c_str());
    if (mark) ::unlink(mark_path.c_str());
    return disk_failure(fmt::format("The server cannot store the document (rename: {}).", why));
  }
  // The rename (and the marker) are durable only once the directory is synced.
  Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
    return disk_failure(fmt::format("The server cannot store the document (sync {}: {}).",
                                    dir_.string(), errno_text()));
  }
  return total;
}

void JobSpool::remove(std::string_view uuid) const {
  std::error_code ignored;
  std::filesystem::remove(path_of(uuid), ignored);
  clear_unanalysed(uuid);
}

std::optional<UnanalysedMark> JobSpool::unanalysed(std::string_view uuid) const {
  std::error_code ignored;
  if (std::filesystem::exists(dir_ / fmt::format("{}{}", uuid, kMarkSuffix), ignored)) {
    return UnanalysedMark{};
  }
  if (std::filesystem::exists(dir_ / fmt::format("{}{}", uuid, kOneSidedSuffix), ignored)) {
    return UnanalysedMark{false};
  }
  if (std::filesystem::exists(dir_ / fmt::format("{}{}", uuid, kTwoSidedSuffix), ignored)) {
    return UnanalysedMark{true};
  }
  return std::nullopt;
}

void JobSpool::clear_unanalysed(std::string_view uuid) const {
  for (auto suffix : {kMarkSuffix, kOneSidedSuffix, kTwoSidedSuffix}) {
    ::unlink((dir_ / fmt::format("{}{}", uuid, suffix)).c_str());
  }
}

std::vector<std::string> JobSpool::list_unanalysed() const {
  std::vector<std::string> uuids;
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir_, error), end; !error && it != end;
       it.increment(error)) {
    const auto name = it->path().filename().string();
    for (auto suffix : {kMarkSuffix, kOneSidedSuffix, kTwoSidedSuffix}) {
      if (name.size() > suffix.size() && name.ends_with(suffix)) {
        uuids.push_back(name.substr(0, name.size() - suffix.size()));
        break;
      }
    }
  }
  std::sort(uuids.begin(), uuids.end());
  uuids.erase(std::unique(uuids.begin(), uuids.end()), uuids.end());
  return uuids;
}

}  // namespace printline::server
