#include "server/backup.h"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/fd_io.h"
#include "core/unique_fd.h"
#include "server/backup_archive.h"
#include "server/backup_database.h"
#include "server/data_dir_lock.h"
#include "server/job_spool.h"

namespace printline::server {
namespace {

using nlohmann::json;

constexpr const char* kManifest = "manifest.json";
constexpr const char* kFormat = "printline-server backup";
constexpr int kVersion = 1;

bool is_sqlite(const ServerConfig& config) { return config.database == "sqlite"; }

std::string database_entry(const ServerConfig& config) {
  return is_sqlite(config) ? "database/printline.db" : "database/printline.pgdump";
}

// A private working directory in the data directory (same file system: links and renames),
// named after this process; those of processes that died are removed first.
Result<std::filesystem::path> working_dir(const ServerConfig& config, const std::string& kind) {
  std::error_code error;
  const std::string prefix = kind + ".";
  for (std::filesystem::directory_iterator it(config.data_dir, error), end; !error && it != end;
       it.increment(error)) {
    const auto name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const int pid = std::atoi(name.c_str() + prefix.size());
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove_all(it->path(), ignored);
    }
  }
  const auto dir = config.data_dir / fmt::format("{}{}", prefix, ::getpid());
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    return Error{fmt::format("Cannot create {}: {}.", dir.string(), error.message())};
  }
  return dir;
}

struct RemoveAll {
  std::filesystem::path dir;
  ~RemoveAll() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

// Gives every spooled document (and "not analysed yet" mark) a second name under `staged`, so
// a document removed by printing after the database snapshot is still there to copy.
void stage_spool(const ServerConfig& config, const std::filesystem::path& staged) {
  std::error_code error;
  const auto spool = config.spool_dir();
  for (std::filesystem::recursive_directory_iterator it(spool, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code entry_error;
    if (!it->is_regular_file(entry_error) || it->path().extension() == ".part") continue;
    const auto target = staged / std::filesystem::relative(it->path(), spool, entry_error);
    std::filesystem::create_directories(target.parent_path(), entry_error);
    ::link(it->path().c_str(), target.c_str());  // gone meanwhile: printed before the snapshot
  }
}

// The names in the job's shard directory that are its document's marks ("<uuid>.unanalysed…").
std::vector<std::string> marks_of(const std::filesystem::path& document) {
  std::vector<std::string> marks;
  std::error_code error;
  const std::string prefix = document.filename().string() + ".unanalysed";
  for (std::filesystem::directory_iterator it(document.parent_path(), error), end;
       !error && it != end; it.increment(error)) {
    if (it->path().filename().string().starts_with(prefix)) {
      marks.push_back(it->path().filename().string());
    }
  }
  return marks;
}

std::filesystem::path backup_file_name(const std::filesystem::path& to) {
  std::error_code error;
  if (!std::filesystem::is_directory(to, error)) return to;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return to / fmt::format("printline-backup-{:%Y%m%d-%H%M%S}.tar", now);
}

// A name from an archive that may be written below the data directory.
bool safe_entry_name(const std::string& name) {
  if (name.empty() || name.front() == '/') return false;
  for (const auto& part : std::filesystem::path(name)) {
    if (part == ".." || part == ".") return false;
  }
  return name == kManifest || name.starts_with("database/") || name.starts_with("spool/");
}

Result<bool> write_entry(const std::filesystem::path& path, std::uint64_t size,
                         const BackupEntryReader& read) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  UniqueFd out(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!out) {
    return Error{fmt::format("Cannot create {}: {}.", path.string(), std::strerror(errno))};
  }
  std::vector<char> buffer(1 << 16);
  std::uint64_t done = 0;
  while (done < size) {
    const std::size_t got = read(buffer.data(), buffer.size());
    if (got == 0) break;
    if (!write_all(out.get(), buffer.data(), got)) {
      return Error{fmt::format("Cannot write {}: {}.", path.string(), std::strerror(errno))};
    }
    done += got;
  }
  if (done != size) return Error{"The backup file is cut short; use another backup."};
  if (::fsync(out.get()) != 0) return Error{fmt::format("Cannot write {} to disk.", path.string())};
  return true;
}

}  // namespace

Result<BackupSummary> create_backup(const ServerConfig& config, const std::filesystem::path& to) {
  if (auto invalid = validate(config)) return *invalid;
  BackupSummary summary;
  summary.database = is_sqlite(config) ? "sqlite" : "postgresql";
  summary.file = backup_file_name(to);
  auto work = working_dir(config, "backup-staging");
  if (!work.ok()) return work.error();
  const RemoveAll cleanup{*work};
  const auto staged_spool = *work / "spool";
  stage_spool(config, staged_spool);

  const auto database_copy = *work / std::filesystem::path(database_entry(config)).filename();
  auto snapshot = is_sqlite(config) ? snapshot_sqlite(config, database_copy)
                                    : snapshot_postgres(config, database_copy);
  if (!snapshot.ok()) return snapshot.error();

  // The documents of the snapshot's unfinished jobs that are files (the database copy has the
  // others): the live file, else its staged name.
  json jobs = json::array();
  std::vector<std::pair<std::string, std::filesystem::path>> documents;
  for (const auto& uuid : snapshot->unfinished_jobs) {
    if (snapshot->documents_in_database.contains(uuid)) continue;
    std::filesystem::path source = JobSpool::file_of(config.spool_dir(), uuid);
    const auto relative = std::filesystem::relative(source, config.spool_dir());
    std::error_code error;
    if (!std::filesystem::exists(source, error)) source = staged_spool / relative;
    if (!std::filesystem::exists(source, error)) {
      ++summary.documents_missing;  // a fallback job or one finished in the same instant
      continue;
    }
    const std::string name = (std::filesystem::path("spool") / relative).string();
    json links = json::array();
    for (const auto& mark : marks_of(source)) {
      links.push_back((std::filesystem::path(name).parent_path() / mark).string());
    }
    jobs.push_back({{"uuid", uuid}, {"document", name}, {"links", links}});
    documents.emplace_back(name, source);
  }
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const json manifest = {{"format", kFormat},
                         {"version", kVersion},
                         {"database", summary.database},
                         {"database_file", database_entry(config)},
                         {"created_at", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now)},
                         {"unfinished_jobs", snapshot->unfinished_jobs.size()},
                         {"documents", jobs}};

  auto archive = BackupArchiveWriter::create(summary.file);
  if (!archive.ok()) return archive.error();
  if (auto done = archive->add_text(kManifest, manifest.dump(2) + "\n"); !done.ok()) {
    return done.error();
  }
  {
    UniqueFd database(::open(database_copy.c_str(), O_RDONLY | O_CLOEXEC));
    if (!database) return Error{"The database copy disappeared; run the backup again."};
    if (auto done = archive->add_file(database_entry(config), database.get()); !done.ok()) {
      return done.error();
    }
  }
  for (const auto& [name, source] : documents) {
    UniqueFd document(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!document) {
      return Error{fmt::format("Cannot read {}: {}.", source.string(), std::strerror(errno))};
    }
    if (auto done = archive->add_file(name, document.get()); !done.ok()) return done.error();
    ++summary.documents;
  }
  if (auto done = archive->finish(); !done.ok()) return done.error();
  return summary;
}

Result<BackupSummary> restore_backup(const ServerConfig& config,
                                     const std::filesystem::path& from) {
  if (auto invalid = validate(config)) return *invalid;
  auto lock = DataDirLock::take(config.data_dir, DataDirLock::Mode::kRestoring);
  if (!lock.ok()) return lock.error();
  BackupSummary summary;
  summary.file = from;
  std::error_code error;
  if (is_sqlite(config) && std::filesystem::exists(config.data_dir / "printline.db", error)) {
    return Error{fmt::format(
        "{} already holds a database: restore into an empty data directory, or move the old "
        "one away first. Nothing was changed.",
        (config.data_dir / "printline.db").string())};
  }
  auto work = working_dir(config, "restore-staging");
  if (!work.ok()) return work.error();
  const RemoveAll cleanup{*work};

  json manifest;
  bool first = true;
  auto read = read_backup_archive(
      from, [&](const std::string& name, std::uint64_t size,
                const BackupEntryReader& read_entry) -> Result<bool> {
        if (first && name != kManifest) {
          return Error{fmt::format("{} is not a printline-server backup.", from.string())};
        }
        first = false;
        if (!safe_entry_name(name)) {
          return Error{fmt::format("The backup holds an unexpected file \"{}\"; it is refused.",
                                   name)};
        }
        return write_entry(*work / name, size, read_entry);
      });
  if (!read.ok()) return read.error();
  {
    std::ifstream in(*work / kManifest);
    manifest = json::parse(in, nullptr, /*allow_exceptions=*/false);
  }
  if (!manifest.is_object() || manifest.value("format", "") != kFormat) {
    return Error{fmt::format("{} is not a printline-server backup.", from.string())};
  }
  if (manifest.value("version", 0) > kVersion) {
    return Error{"This backup was made by a newer printline-server; restore it with that version."};
  }
  summary.database = manifest.value("database", "");
  const std::string wanted = is_sqlite(config) ? "sqlite" : "postgresql";
  if (summary.database != wanted) {
    return Error{fmt::format(
        "The backup holds a {} database but this server is configured for {}: restore it with "
        "the same --db setting it was made with.",
        summary.database, wanted)};
  }
  const auto database_file = *work / manifest.value("database_file", "");
  if (!safe_entry_name(manifest.value("database_file", "")) ||
      !std::filesystem::is_regular_file(database_file, error)) {
    return Error{"The backup has no database file; use another backup."};
  }
  auto restored = is_sqlite(config) ? restore_sqlite(config, database_file)
                                    : restore_postgres(config, database_file);
  if (!restored.ok()) return restored.error();

  // The documents: moved into the spool (never over a file already there), with their marks.
  for (const auto& job : manifest.value("documents", json::array())) {
    const std::string name = job.value("document", "");
    if (!safe_entry_name(name) || !name.starts_with("spool/")) continue;
    const auto target = config.data_dir / name;
    std::filesystem::create_directories(target.parent_path(), error);
    if (!std::filesystem::exists(target, error)) {
      std::filesystem::rename(*work / name, target, error);
      if (error) {
        return Error{fmt::format("Cannot put {} in place: {}.", target.string(),
                                 error.message())};
      }
    }
    for (const auto& link : job.value("links", json::array())) {
      const std::string link_name = link.get<std::string>();
      if (safe_entry_name(link_name)) ::link(target.c_str(), (config.data_dir / link_name).c_str());
    }
    ++summary.documents;
  }
  ::sync();  // the restored files are on disk before anyone starts the server on them
  return summary;
}

}  // namespace printline::server
