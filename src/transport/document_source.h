#pragma once
// A document read in chunks, so that a job of any size is sent in constant memory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/error.h"

namespace printline::transport {

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // Fills the start of buffer; returns how many bytes were read, 0 at the end of the document.
  virtual printline::Result<std::size_t> read(std::span<char> buffer) = 0;
  // Total size in bytes when known up front (files); nullopt for pipes and generated streams.
  virtual std::optional<std::uint64_t> size() const = 0;
};

// Opens a regular file for reading; the error says why it cannot be read.
printline::Result<std::unique_ptr<DocumentSource>> open_document_file(
    const std::filesystem::path& path);

// Reads an already open descriptor (a pipe, stdin, a socket) to its end. The descriptor is NOT
// owned: the caller keeps it open while sending and closes it afterwards. size() is the file
// size when fd is a regular file positioned at its start, else nullopt.
std::unique_ptr<DocumentSource> document_from_fd(int fd);

// A document held in memory (tests, small generated pages such as a test page).
std::unique_ptr<DocumentSource> document_from_string(std::string content);

}  // namespace printline::transport
