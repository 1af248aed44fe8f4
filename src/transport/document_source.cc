#include "transport/document_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/unique_fd.h"

namespace printline::transport {
namespace {

printline::Result<std::size_t> read_fd(int fd, std::span<char> buffer) {
  while (true) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) {
      return printline::Error{std::string("cannot read the document: ") + std::strerror(errno)};
    }
  }
}

std::optional<std::uint64_t> regular_file_size(int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  const off_t position = ::lseek(fd, 0, SEEK_CUR);
  if (position < 0 || position > info.st_size) return std::nullopt;
  return static_cast<std::uint64_t>(info.st_size - position);
}

class FdDocument : public DocumentSource {
 public:
  FdDocument(int fd, bool owned)
      : fd_(fd), owned_(owned ? fd : -1), size_(regular_file_size(fd)) {}

  printline::Result<std::size_t> read(std::span<char> buffer) override {
    return read_fd(fd_, buffer);
  }
  std::optional<std::uint64_t> size() const override { return size_; }

 private:
  int fd_;
  UniqueFd owned_;  // fd_ when this document closes it
  std::optional<std::uint64_t> size_;
};

class StringDocument : public DocumentSource {
 public:
  explicit StringDocument(std::string content) : content_(std::move(content)) {}
  printline::Result<std::size_t> read(std::span<char> buffer) override {
    const std::size_t count = std::min(buffer.size(), content_.size() - position_);
    std::memcpy(buffer.data(), content_.data() + position_, count);
    position_ += count;
    return count;
  }
  std::optional<std::uint64_t> size() const override { return content_.size(); }

 private:
  std::string content_;
  std::size_t position_ = 0;
};

}  // namespace

printline::Result<std::unique_ptr<DocumentSource>> open_document_file(
    const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return printline::Error{"cannot open the document " + path.string() + ": " +
                            std::strerror(errno)};
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return printline::Error{"the document " + path.string() + " is a directory"};
  }
  std::unique_ptr<DocumentSource> document = std::make_unique<FdDocument>(fd, true);
  return document;
}

std::unique_ptr<DocumentSource> document_from_fd(int fd) {
  return std::make_unique<FdDocument>(fd, false);
}

std::unique_ptr<DocumentSource> document_from_string(std::string content) {
  return std::make_unique<StringDocument>(std::move(content));
}

}  // namespace printline::transport
