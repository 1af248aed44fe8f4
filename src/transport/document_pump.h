#pragma once
// Copies a document to a connection in fixed-size chunks: the one loop that keeps memory flat
// whatever the job size. Internal to the transport library.

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "transport/document_source.h"
#include "transport/tcp_connection.h"

namespace printline::transport {

inline constexpr std::size_t kChunkSize = 128 * 1024;

struct PumpFailure {
  std::optional<IoError> io;  // the connection failed
  std::string read_error;     // or the document could not be read
};

// Reads the document chunk by chunk and hands each chunk to write (which returns an IoError on
// failure). Returns the number of document bytes read through `copied`.
std::optional<PumpFailure> pump_document(
    DocumentSource& document,
    const std::function<std::optional<IoError>(std::span<const char>)>& write,
    std::uint64_t* copied = nullptr);

}  // namespace printline::transport
