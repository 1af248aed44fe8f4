#include "analysis/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/unique_fd.h"

namespace printline::analysis {

// Shared by every part cut from one opened file: closed when the last part goes.
struct ByteSource::File {
  explicit File(int descriptor) : fd(descriptor) {}
  UniqueFd fd;
};

std::optional<ByteSource> ByteSource::open_file(const std::filesystem::path& path,
                                                std::string& error) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "Cannot open " + path.string() + ": " + std::strerror(errno) + ".";
    return std::nullopt;
  }
  auto file = std::make_shared<const File>(fd);
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    error = "Cannot read " + path.string() + ": " + std::strerror(errno) + ".";
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    error = path.string() + " is a folder, not a document.";
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    // Analysis seeks (a PDF's cross-reference table is at its end): a pipe will not do.
    error = "Cannot analyse " + path.string() +
            ": it is not a regular file (a pipe or device); save the job to a file first.";
    return std::nullopt;
  }
  // Tell the kernel the file is mostly read front to back (read-ahead, early page reuse).
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  ByteSource source;
  source.file_ = std::move(file);
  source.size_ = static_cast<uint64_t>(info.st_size);
  source.whole_file_ = std::filesystem::absolute(path);
  return source;
}

ByteSource ByteSource::from_memory(const char* data, size_t size) {
  ByteSource source;
  source.memory_ = data;
  source.size_ = size;
  return source;
}

size_t ByteSource::read_at(uint64_t offset, char* out, size_t length) const {
  if (offset >= size_) return 0;
  length = static_cast<size_t>(std::min<uint64_t>(length, size_ - offset));
  if (!file_) {
    std::memcpy(out, memory_ + start_ + offset, length);
    return length;
  }
  size_t done = 0;
  while (done < length) {
    ssize_t n = pread(file_->fd.get(), out + done, length - done,
                      static_cast<off_t>(start_ + offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "read");
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<size_t>(n);
  }
  return done;
}

ByteSource ByteSource::slice(uint64_t offset, uint64_t length) const {
  ByteSource part = *this;
  offset = std::min(offset, size_);
  part.start_ = start_ + offset;
  part.size_ = std::min(length, size_ - offset);
  if (part.start_ != start_ || part.size_ != size_) part.whole_file_.reset();
  return part;
}

}  // namespace printline::analysis
