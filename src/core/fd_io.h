#pragma once
// Small helpers over POSIX file descriptors that every layer writing to disk needs.

#include <cstddef>

namespace printline {

// Writes all of data to fd, retrying short writes and EINTR; false on any other error (errno set).
bool write_all(int fd, const char* data, std::size_t size);

}  // namespace printline
