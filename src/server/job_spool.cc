#include "server/job_spool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
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

JobError too_large(std::uint64_t max_bytes) {
  return JobError{
      JobErrorKind::kTooLarge,
      fmt::format("The document is larger than this server accepts ({} bytes at most); print "
                  "fewer pages at a time or ask an administrator to raise max_upload_bytes.",
                  max_bytes)};
}

JobError cut(const Error& error) {
  return JobError{JobErrorKind::kDocumentCut,
                  fmt::format("The document did not arrive whole ({}); send the job again.",
                              error.message)};
}

constexpr std::array<std::string_view, 3> kOlderMarkSuffixes = {
    ".unanalysed", ".unanalysed-one-sided", ".unanalysed-two-sided"};

}  // namespace

JobResult<JobDocument> JobSpool::write(std::string_view uuid, transport::DocumentSource& document,
                                       std::uint64_t max_bytes) const {
  // In memory first: most documents end within database_bytes and never touch a file.
  const std::uint64_t in_memory_limit = std::min(database_bytes_, max_bytes);
  std::string content;
  std::array<char, 64 * 1024> buffer{};
  while (true) {
    auto got = document.read(buffer);
    if (!got.ok()) return cut(got.error());
    if (*got == 0) return JobDocument::in_memory(std::move(content), work_dir());
    content.append(buffer.data(), *got);
    if (content.size() > in_memory_limit) break;
  }
  if (content.size() > max_bytes) return too_large(max_bytes);

  // Larger: the bytes read so far, then the rest, go to the document's file.
  const auto shard = shard_of(uuid);
  const auto final_path = shard / std::string(uuid);
  const auto part_path = shard / fmt::format("{}.part", uuid);
  std::uint64_t total = content.size();
  {
    UniqueFd fd(::open(part_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!fd) {
      return disk_failure(fmt::format("The server cannot store the document ({}: {}).",
                                      part_path.string(), errno_text()));
    }
    const auto failed = [&](JobError error) {
      ::unlink(part_path.c_str());
      return error;
    };
    if (!write_all(fd.get(), content.data(), content.size())) {
      return failed(disk_failure(
          fmt::format("The server cannot store the document: {}.", errno_text())));
    }
    content = {};
    while (true) {
      auto got = document.read(buffer);
      if (!got.ok()) return failed(cut(got.error()));
      if (*got == 0) break;
      total += *got;
      if (total > max_bytes) return failed(too_large(max_bytes));
      if (!write_all(fd.get(), buffer.data(), *got)) {
        return failed(disk_failure(
            fmt::format("The server cannot store the document: {}.", errno_text())));
      }
    }
    if (::fsync(fd.get()) != 0) {
      return failed(disk_failure(
          fmt::format("The server cannot store the document (fsync: {}).", errno_text())));
    }
  }
  if (::rename(part_path.c_str(), final_path.c_str()) != 0) {
    const auto why = errno_text();
    ::unlink(part_path.c_str());
    return disk_failure(fmt::format("The server cannot store the document (rename: {}).", why));
  }
  // The rename is durable only once the directory is synced.
  if (!sync_directory(shard).ok()) {
    return disk_failure(fmt::format("The server cannot store the document (sync {}: {}).",
                                    shard.string(), errno_text()));
  }
  return JobDocument::in_file(final_path, total);
}

JobResult<JobDocument> JobSpool::open(std::string_view uuid) const {
  auto content = store_.job_document(uuid);
  if (!content.ok()) {
    return disk_failure(fmt::format("The server cannot read the document of job {}: {}", uuid,
                                    content.error().message));
  }
  if (*content) return JobDocument::in_memory(std::move(**content), work_dir());
  const auto path = path_of(uuid);
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return disk_failure(fmt::format("The document of job {} is missing ({}: {}).", uuid,
                                    path.string(), error.message()));
  }
  return JobDocument::in_file(path, size);
}

std::filesystem::path JobSpool::shard_of(std::string_view uuid) const {
  return file_of(dir_, uuid).parent_path();
}

std::filesystem::path JobSpool::file_of(const std::filesystem::path& spool_dir,
                                        std::string_view uuid) {
  return spool_dir / std::string(uuid.substr(0, std::min<std::size_t>(2, uuid.size()))) /
         std::string(uuid);
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
  // Temporary copies of documents kept in the database: each is removed after use; one a
  // stopped run left goes a day later, since servers sharing the data directory may be reading
  // their own copies right now (no print takes a day).
  std::error_code error;
  std::filesystem::create_directory(work_dir(), error);
  if (error) {
    return Error{fmt::format("Cannot create the spool directory {}: {}.", work_dir().string(),
                             error.message())};
  }
  const auto stale = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24);
  for (std::filesystem::directory_iterator it(work_dir(), error), end; !error && it != end;
       it.increment(error)) {
    std::error_code ignored;
    if (it->last_write_time(ignored) < stale) std::filesystem::remove(it->path(), ignored);
  }
  error.clear();
  // Documents (and marks) of the flat layout, from before the shards, move into them.
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
  if (::unlink(path_of(uuid).c_str()) == 0) {
    forget_older_mark(uuid);
    return;
  }
  (void)store_.remove_job_document(uuid);  // a failure leaves it to the retention sweep
}

void JobSpool::discard(const JobDocument& document) const {
  if (document.in_file()) ::unlink(document.path().c_str());
}

std::vector<std::string> JobSpool::uuids() const {
  std::vector<std::string> found;
  std::error_code error;
  for (const auto& shard : std::filesystem::directory_iterator(dir_, error)) {
    if (!shard.is_directory(error) || shard.path() == work_dir()) continue;
    for (const auto& entry : std::filesystem::directory_iterator(shard.path(), error)) {
      const auto name = entry.path().filename().string();
      // Names with a dot are partial writes and older marks, removed with the document.
      if (entry.is_regular_file(error) && name.find('.') == std::string::npos) {
        found.push_back(name);
      }
    }
  }
  if (auto in_database = store_.jobs_with_documents(); in_database.ok()) {
    found.insert(found.end(), in_database->begin(), in_database->end());
  }
  return found;
}

std::uint64_t JobSpool::file_size(std::string_view uuid) const {
  std::error_code error;
  const auto size = std::filesystem::file_size(path_of(uuid), error);
  return error ? 0 : size;
}

std::vector<std::string> JobSpool::older_unanalysed_marks() const {
  std::vector<std::string> uuids;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir_, error), end; !error && it != end;
       it.increment(error)) {
    const auto name = it->path().filename().string();
    for (auto suffix : kOlderMarkSuffixes) {
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

void JobSpool::forget_older_mark(std::string_view uuid) const {
  for (auto suffix : kOlderMarkSuffixes) {
    ::unlink((shard_of(uuid) / fmt::format("{}{}", uuid, suffix)).c_str());
  }
}

}  // namespace printline::server
