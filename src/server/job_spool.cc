#include "server/job_spool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "core/durable_file.h"
#include "core/fd_io.h"
#include "core/unique_fd.h"

namespace printline::server {
namespace {

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
  const auto shard = shard_of(uuid);
  const auto final_path = shard / std::string(uuid);
  const auto part_path = shard / fmt::format("{}.part", uuid);
  const auto mark_path =
      mark ? shard / fmt::format("{}{}", uuid, mark_suffix(*mark)) : std::filesystem::path();
  std::uint64_t total = 0;
  {
    UniqueFd fd(::open(part_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!fd) {
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
  if (mark && ::link(part_path.c_str(), mark_path.c_str()) != 0) {
    const auto why = errno_text();
    ::unlink(part_path.c_str());
    return disk_failure(fmt::format("The server cannot store the document (mark {}: {}).",
                                    mark_path.string(), why));
  }
  if (::rename(part_path.c_str(), final_path.c_str()) != 0) {
    const auto why = errno_text();
    ::unlink(part_path.c_str());
    if (mark) ::unlink(mark_path.c_str());
    return disk_failure(fmt::format("The server cannot store the document (rename: {}).", why));
  }
  // The rename (and the mark) are durable only once the directory is synced.
  if (!sync_directory(shard).ok()) {
    return disk_failure(fmt::format("The server cannot store the document (sync {}: {}).",
                                    shard.string(), errno_text()));
  }
  return total;
}

std::filesystem::path JobSpool::shard_of(std::string_view uuid) const {
  return dir_ / std::string(uuid.substr(0, std::min<std::size_t>(2, uuid.size())));
}

std::filesystem::path JobSpool::path_of(std::string_view uuid) const {
  return shard_of(uuid) / std::string(uuid);
}

Result<bool> JobSpool::prepare() const {
  for (int i = 0; i < 256; ++i) {
    const auto shard = dir_ / fmt::format("{:02x}", i);
    std::error_code error;
    std::filesystem::create_directory(shard, error);
    if (error) {
      return Error{fmt::format("Cannot create the spool directory {}: {}.", shard.string(),
                               error.message())};
    }
  }
  // Documents (and marks) of the flat layout, from before the shards, move into them.
  std::error_code error;
  for (std::filesystem::directory_iterator it(dir_, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    const auto name = it->path().filename().string();
    if (name.ends_with(".part")) {  // never acknowledged
      ::unlink(it->path().c_str());
      continue;
    }
    const auto moved = shard_of(name) / name;
    if (::rename(it->path().c_str(), moved.c_str()) != 0) {
      return Error{fmt::format("Cannot move {} into {}: {}.", it->path().string(),
                               moved.parent_path().string(), errno_text())};
    }
  }
  if (error) {
    return Error{fmt::format("Cannot read the spool directory {}: {}.", dir_.string(),
                             error.message())};
  }
  for (std::filesystem::directory_iterator it(dir_, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_directory() && !sync_directory(it->path()).ok()) break;
  }
  if (!sync_directory(dir_).ok()) {
    return Error{fmt::format("Cannot sync the spool directory {}: {}.", dir_.string(),
                             errno_text())};
  }
  return true;
}

void JobSpool::remove(std::string_view uuid) const {
  std::error_code ignored;
  std::filesystem::remove(path_of(uuid), ignored);
  clear_unanalysed(uuid);
}

std::optional<UnanalysedMark> JobSpool::unanalysed(std::string_view uuid) const {
  const auto shard = shard_of(uuid);
  std::error_code ignored;
  if (std::filesystem::exists(shard / fmt::format("{}{}", uuid, kMarkSuffix), ignored)) {
    return UnanalysedMark{};
  }
  if (std::filesystem::exists(shard / fmt::format("{}{}", uuid, kOneSidedSuffix), ignored)) {
    return UnanalysedMark{false};
  }
  if (std::filesystem::exists(shard / fmt::format("{}{}", uuid, kTwoSidedSuffix), ignored)) {
    return UnanalysedMark{true};
  }
  return std::nullopt;
}

void JobSpool::clear_unanalysed(std::string_view uuid) const {
  // Only the name that exists is unlinked: every unlink takes the directory's lock.
  if (auto mark = unanalysed(uuid)) {
    ::unlink((shard_of(uuid) / fmt::format("{}{}", uuid, mark_suffix(*mark))).c_str());
  }
}

std::vector<std::string> JobSpool::list_unanalysed() const {
  std::vector<std::string> uuids;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir_, error), end; !error && it != end;
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
