#include "ipp/ipp_request_body.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include "core/fd_io.h"

namespace printline::ipp {

bool IppRequestBody::append(const char* data, std::size_t size) {
  if (!fd_ && memory_.size() + size <= kMemoryLimit) {
    memory_.append(data, size);
    return true;
  }
  if (!fd_) {
    std::string pattern = (dir_ / "ipp-request-XXXXXX").string();
    fd_.reset(::mkostemp(pattern.data(), O_CLOEXEC));
    if (!fd_) return false;
    ::unlink(pattern.c_str());  // gone from disk as soon as it is closed
    if (!write_all(fd_.get(), memory_.data(), memory_.size())) return false;
    memory_.clear();
    memory_.shrink_to_fit();
  }
  return write_all(fd_.get(), data, size);
}

IppPtr IppRequestBody::decode(std::unique_ptr<transport::DocumentSource>* document) {
  if (!fd_) {
    std::size_t used = 0;
    IppPtr message = read_ipp_from_memory(memory_, &used);
    if (message) *document = transport::document_from_string(memory_.substr(used));
    return message;
  }
  ::lseek(fd_.get(), 0, SEEK_SET);
  IppPtr message = read_ipp_from_fd(fd_.get());
  if (message) *document = transport::document_from_fd(fd_.get());
  return message;
}

}  // namespace printline::ipp
