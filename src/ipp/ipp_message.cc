#include "ipp/ipp_message.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace printline::ipp {
namespace {

ssize_t read_fd(void* context, ipp_uchar_t* buffer, size_t bytes) {
  const int fd = *static_cast<int*>(context);
  while (true) {
    ssize_t got = ::read(fd, buffer, bytes);
    if (got >= 0 || errno != EINTR) return got;
  }
}

struct MemoryReader {
  std::span<const char> bytes;
  std::size_t position = 0;
};

ssize_t read_memory(void* context, ipp_uchar_t* buffer, size_t bytes) {
  auto* reader = static_cast<MemoryReader*>(context);
  const std::size_t count = std::min(bytes, reader->bytes.size() - reader->position);
  std::memcpy(buffer, reader->bytes.data() + reader->position, count);
  reader->position += count;
  return static_cast<ssize_t>(count);
}

ssize_t write_string(void* context, ipp_uchar_t* buffer, size_t bytes) {
  static_cast<std::string*>(context)->append(reinterpret_cast<const char*>(buffer), bytes);
  return static_cast<ssize_t>(bytes);
}

}  // namespace

IppPtr read_ipp_from_fd(int fd) {
  IppPtr message(ippNew());
  if (ippReadIO(&fd, read_fd, 1, nullptr, message.get()) != IPP_STATE_DATA) return nullptr;
  return message;
}

IppPtr read_ipp_from_memory(std::span<const char> bytes, std::size_t* consumed) {
  MemoryReader reader{bytes};
  IppPtr message(ippNew());
  if (ippReadIO(&reader, read_memory, 1, nullptr, message.get()) != IPP_STATE_DATA) {
    return nullptr;
  }
  if (consumed) *consumed = reader.position;
  return message;
}

std::string encode_ipp(ipp_t* message) {
  std::string out;
  ippSetState(message, IPP_STATE_IDLE);
  ippWriteIO(&out, write_string, 1, nullptr, message);
  return out;
}

}  // namespace printline::ipp
