#include "server/backup_archive.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <ctime>
#include <vector>

#include "core/durable_file.h"
#include "core/fd_io.h"
#include "core/unique_fd.h"

namespace printline::server {
namespace {

constexpr std::size_t kBlock = 512;

// Octal, NUL-terminated, in a field of `width` bytes; base-256 when it does not fit.
void put_number(char* field, std::size_t width, std::uint64_t value) {
  const std::uint64_t octal_limit = width >= 12 ? (1ull << 33) : (1ull << (3 * (width - 1)));
  if (value < octal_limit) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                  static_cast<unsigned long long>(value));
    return;
  }
  std::memset(field, 0, width);
  field[0] = static_cast<char>(0x80);
  for (std::size_t i = width - 1; i > 0 && value > 0; --i, value >>= 8) {
    field[i] = static_cast<char>(value & 0xff);
  }
}

std::optional<std::uint64_t> get_number(const char* field, std::size_t width) {
  std::uint64_t value = 0;
  if (static_cast<unsigned char>(field[0]) == 0x80) {
    for (std::size_t i = 1; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(field[i]);
    return value;
  }
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) value = value * 8 + (field[i] - '0');
  if (i < width && field[i] != '\0' && field[i] != ' ') return std::nullopt;
  return value;
}

unsigned checksum(const std::array<char, kBlock>& block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
  }
  return sum;
}

bool read_fully(int fd, char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Result<BackupArchiveWriter> BackupArchiveWriter::create(const std::filesystem::path& path) {
  auto part = path;
  part += ".part";
  ::unlink(part.c_str());
  const int fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{fmt::format("Cannot create the backup file {}: {}.", part.string(),
                             std::strerror(errno))};
  }
  return BackupArchiveWriter(path, fd);
}

BackupArchiveWriter::BackupArchiveWriter(std::filesystem::path path, int fd)
    : path_(std::move(path)), part_(path_), fd_(UniqueFd(fd)) {
  part_ += ".part";
}

BackupArchiveWriter::BackupArchiveWriter(BackupArchiveWriter&& other) noexcept
    : path_(std::move(other.path_)), part_(std::move(other.part_)), fd_(std::move(other.fd_)),
      written_(other.written_) {}

BackupArchiveWriter::~BackupArchiveWriter() {
  if (!fd_) return;
  fd_.reset();
  ::unlink(part_.c_str());
}

Result<bool> BackupArchiveWriter::write(const char* data, std::size_t size) {
  if (!write_all(fd_.get(), data, size)) {
    return Error{fmt::format("Cannot write the backup file {}: {}.", part_.string(),
                             std::strerror(errno))};
  }
  written_ += size;
  return true;
}

Result<bool> BackupArchiveWriter::header(const std::string& name, std::uint64_t size) {
  if (name.empty() || name.size() >= 100) {
    return Error{fmt::format("The name \"{}\" does not fit in a backup archive.", name)};
  }
  std::array<char, kBlock> block{};
  std::memcpy(block.data(), name.data(), name.size());
  put_number(block.data() + 100, 8, 0600);
  put_number(block.data() + 108, 8, 0);
  put_number(block.data() + 116, 8, 0);
  put_number(block.data() + 124, 12, size);
  put_number(block.data() + 136, 12, static_cast<std::uint64_t>(std::time(nullptr)));
  block[156] = '0';  // a regular file
  std::memcpy(block.data() + 257, "ustar", 6);
  std::memcpy(block.data() + 263, "00", 2);
  std::snprintf(block.data() + 148, 8, "%06o", checksum(block));
  block[155] = ' ';
  return write(block.data(), block.size());
}

Result<bool> BackupArchiveWriter::add_text(const std::string& name, const std::string& text) {
  if (auto done = header(name, text.size()); !done.ok()) return done;
  if (auto done = write(text.data(), text.size()); !done.ok()) return done;
  const std::array<char, kBlock> zeros{};
  return write(zeros.data(), (kBlock - text.size() % kBlock) % kBlock);
}

Result<bool> BackupArchiveWriter::add_file(const std::string& name, int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0 || ::lseek(fd, 0, SEEK_SET) != 0) {
    return Error{fmt::format("Cannot read {} for the backup: {}.", name, std::strerror(errno))};
  }
  if (auto done = header(name, static_cast<std::uint64_t>(size)); !done.ok()) return done;
  std::vector<char> buffer(1 << 16);
  std::uint64_t left = static_cast<std::uint64_t>(size);
  while (left > 0) {
    const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
    if (!read_fully(fd, buffer.data(), chunk)) {
      return Error{fmt::format("{} changed size while it was backed up; run the backup again.",
                               name)};
    }
    if (auto done = write(buffer.data(), chunk); !done.ok()) return done;
    left -= chunk;
  }
  const std::array<char, kBlock> zeros{};
  return write(zeros.data(), (kBlock - static_cast<std::uint64_t>(size) % kBlock) % kBlock);
}

Result<bool> BackupArchiveWriter::finish() {
  const std::array<char, 2 * kBlock> end{};
  if (auto done = write(end.data(), end.size()); !done.ok()) return done;
  if (::fsync(fd_.get()) != 0) {
    return Error{fmt::format("Cannot write the backup file {} to disk: {}.", part_.string(),
                             std::strerror(errno))};
  }
  fd_.reset();
  if (::rename(part_.c_str(), path_.c_str()) != 0) {
    const int saved = errno;
    ::unlink(part_.c_str());
    return Error{fmt::format("Cannot rename {} to {}: {}.", part_.string(), path_.string(),
                             std::strerror(saved))};
  }
  // The rename itself is durable once the directory is synced; the archive is whole either way.
  (void)sync_directory(path_.parent_path());
  return true;
}

Result<bool> read_backup_archive(
    const std::filesystem::path& path,
    const std::function<Result<bool>(const std::string& name, std::uint64_t size,
                                     const BackupEntryReader& read)>& entry) {
  const UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file) {
    return Error{fmt::format("Cannot open the backup file {}: {}.", path.string(),
                             std::strerror(errno))};
  }
  const int fd = file.get();
  const Error damaged{fmt::format(
      "{} is not a complete printline-server backup (cut short or damaged).", path.string())};
  std::array<char, kBlock> block{};
  while (true) {
    if (!read_fully(fd, block.data(), block.size())) return damaged;
    if (std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; })) return true;
    const auto sum = get_number(block.data() + 148, 8);
    const auto size = get_number(block.data() + 124, 12);
    if (!sum || *sum != checksum(block) || !size) return damaged;
    const std::string name(block.data(), strnlen(block.data(), 100));
    std::uint64_t left = *size;
    const BackupEntryReader read = [&](char* buffer, std::size_t want) -> std::size_t {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want, left));
      if (n == 0 || !read_fully(fd, buffer, n)) return 0;
      left -= n;
      return n;
    };
    if (block[156] == '0' || block[156] == '\0') {
      if (auto done = entry(name, *size, read); !done.ok()) return done;
    }
    // Skip what the entry did not read, and the padding.
    const std::uint64_t skip = left + (kBlock - *size % kBlock) % kBlock;
    if (::lseek(fd, static_cast<off_t>(skip), SEEK_CUR) < 0) return damaged;
  }
}

}  // namespace printline::server
