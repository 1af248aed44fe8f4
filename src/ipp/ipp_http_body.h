#pragma once
// The body of an IPP POST read by the HTTP front (http/server.h) as it arrives: the IPP
// message first (attributes, at most 1 MiB, in memory), then the document, spilled to the
// spool directory past 1 MiB (IppRequestBody) — never whole in memory. Once the message is in,
// a gate decides from it whether the document may follow (e.g. an operation that needs a user
// and came without credentials is answered 401 before a byte of its document is stored).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/body_sink.h"
#include "http/request.h"
#include "http/response.h"
#include "ipp/ipp_message.h"
#include "ipp/ipp_request_body.h"
#include "transport/document_source.h"

namespace printline::ipp {

// The largest IPP message (attributes) read before its document.
inline constexpr std::uint64_t kMaxIppAttributeBytes = 1 << 20;

class IppBodySink : public http::BodySink {
 public:
  // Called once, with the decoded message, before the document is taken; an answer refuses.
  using Gate = std::function<std::optional<http::Response>(ipp_t* message)>;

  IppBodySink(std::filesystem::path spool_dir, Gate gate);
  std::optional<http::Response> write(const char* data, std::size_t size) override;

  struct Post {
    IppPtr request;
    std::unique_ptr<transport::DocumentSource> document;  // the bytes after the message
  };
  // After the whole body: the request and its document, or none with the answer set (400).
  std::optional<Post> finish(http::Response& response);

 private:
  IppRequestBody body_;
  Gate gate_;
  std::string head_;  // the body until the message is complete
  bool gated_ = false;
};

// The streamed request's IPP message and document, once its body is in (a route whose sink is
// an IppBodySink); none with the answer set (400) when it carried no valid IPP message.
std::optional<IppBodySink::Post> finished_ipp_post(http::Request& request,
                                                   http::Response& response);

// The address the client used to reach this printer (its Host header), else `fallback`; the
// printer-uri and job-uri in answers are built on it.
std::string ipp_authority(const http::Request& request, const std::string& fallback);

// True when the request says Content-Type: application/ipp.
bool is_ipp_content_type(const http::Request& request);

// The encoded IPP response, with the HTTP status (200, or 401 with its challenge set apart).
void answer_ipp(http::Response& response, ipp_t* message, int status = 200);

}  // namespace printline::ipp
