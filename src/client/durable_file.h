#pragma once
// A print document copied to the client's spool so that it survives a crash or power loss: the
// durable write of core/durable_file.h, fed from a transport::DocumentSource (which core cannot
// see).

#include <cstdint>
#include <filesystem>

#include "core/durable_file.h"
#include "core/error.h"
#include "transport/document_source.h"

namespace printline::client {

// Copies the whole document to `path` atomically and durably; returns the byte count.
Result<std::uint64_t> spool_document_durably(const std::filesystem::path& path,
                                             transport::DocumentSource& document);

}  // namespace printline::client
