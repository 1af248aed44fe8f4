#pragma once
// The HTTP side of a Printline IPP printer (RFC 8010 §3.4): a POST of Content-Type
// application/ipp whose body is the IPP request followed by its document. Reading it is the
// same for a server queue and the desktop client's local printer: the body goes through
// IppRequestBody (small in memory, large spilled), then the message is decoded. A failure is
// answered here, in HTTP, with a text that says what to do. Call from the HTTP worker thread.

#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "ipp/ipp_message.h"
#include "transport/document_source.h"

namespace printline::ipp {

struct IppPostLimits {
  std::filesystem::path spool_dir;                  // where a large body spills to
  std::optional<std::uint64_t> max_document_bytes;  // none: any size
  std::string too_large_message;                    // HTTP 413, when max_document_bytes is set
  std::string cannot_store_message;                 // HTTP 500: the spill file cannot be written
};

struct IppPost {
  IppPtr request;
  std::unique_ptr<transport::DocumentSource> document;  // the bytes after the message
};

// The decoded request and its document, or none with the HTTP answer set (400, 413 or 500).
std::optional<IppPost> read_ipp_post(const httplib::Request& request,
                                     const httplib::ContentReader& reader,
                                     const IppPostLimits& limits, httplib::Response& response);

// The encoded IPP response, with the HTTP status (200, or 401 with its challenge set apart).
void answer_ipp(httplib::Response& response, ipp_t* message, int status = 200);

}  // namespace printline::ipp
