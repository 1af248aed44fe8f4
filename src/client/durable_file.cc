#include "client/durable_file.h"

#include <array>

#include <fmt/format.h>

#include "core/fd_io.h"

namespace printline::client {

Result<std::uint64_t> spool_document_durably(const std::filesystem::path& path,
                                             transport::DocumentSource& document) {
  std::uint64_t total = 0;
  auto written = fill_file_durably(path, 0600, [&](int fd) -> Status {
    std::array<char, 64 * 1024> buffer{};
    for (;;) {
      auto got = document.read(buffer);
      if (!got.ok()) {
        return Error{fmt::format("The document could not be read: {}", got.error().message)};
      }
      if (*got == 0) return ok_status();
      if (!write_all(fd, buffer.data(), *got)) return file_error("write", path);
      total += *got;
    }
  });
  if (!written.ok()) return written.error();
  return total;
}

}  // namespace printline::client
