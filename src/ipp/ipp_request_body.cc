#include "ipp/ipp_request_body.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include "core/fd_io.h"

namespace printline::ipp {

IppRequestBody::~IppRequestBody() {
  if (fd_ >= 0) ::close(fd_);
}

bool IppRequestBody::append(const char* data, std::size_t size) {
  if (fd_ < 0 && memory_.size() + size <= kMemoryLimit) {
    memory_.append(data, size);
    return true;
  }
  if (fd_ < 0) {
    std::string pattern = (dir_ / "ipp-request-XXXXXX").string();
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0) return false;
    ::unlink(pattern.c_str());  // gone from disk as soon as it is closed
    if (!write_all(fd_, memory_.data(), memory_.size())) return false;
    memory_.clear();
    memory_.shrink_to_fit();
  }
  return write_all(fd_, data, size);
}

IppPtr IppRequestBody::decode(std::unique_ptr<transport::DocumentSource>* document) {
  if (fd_ < 0) {
    std::size_t used = 0;
    IppPtr message = read_ipp_from_memory(memory_, &used);
    if (message) *document = transport::document_from_string(memory_.substr(used));
    return message;
  }
  ::lseek(fd_, 0, SEEK_SET);
  IppPtr message = read_ipp_from_fd(fd_);
  if (message) *document = transport::document_from_fd(fd_);
  return message;
}

}  // namespace printline::ipp
