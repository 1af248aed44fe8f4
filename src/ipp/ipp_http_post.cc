#include "ipp/ipp_http_post.h"

#include "ipp/ipp_request_body.h"

namespace printline::ipp {
namespace {

// Room for the IPP attributes on top of the largest document.
constexpr std::uint64_t kAttributeAllowance = 1 << 20;
// How much of an oversize body is read and thrown away before the connection is dropped.
constexpr std::uint64_t kDrainAllowance = 64 << 20;

void answer_text(httplib::Response& response, int status, const std::string& text) {
  response.status = status;
  response.set_content(text + "\n", "text/plain; charset=utf-8");
}

}  // namespace

std::optional<IppPost> read_ipp_post(const httplib::Request& request,
                                     const httplib::ContentReader& reader,
                                     const IppPostLimits& limits, httplib::Response& response) {
  const std::string type = request.get_header_value("Content-Type");
  if (type.rfind("application/ipp", 0) != 0) {
    answer_text(response, 400, "This is an IPP printer: send Content-Type application/ipp.");
    return std::nullopt;
  }
  IppRequestBody body(limits.spool_dir);
  const std::uint64_t limit = limits.max_document_bytes
                                  ? *limits.max_document_bytes + kAttributeAllowance
                                  : UINT64_MAX - kDrainAllowance;
  std::uint64_t received = 0;
  bool too_large = false;
  bool write_failed = false;
  const bool complete = reader([&](const char* data, std::size_t length) {
    received += length;
    if (received > limit) {
      // Keep reading (and discarding) for a while, so the client gets the 413 below rather
      // than a broken connection; give up on bodies far beyond the limit.
      too_large = true;
      return received <= limit + kDrainAllowance;
    }
    if (!body.append(data, length)) {
      write_failed = true;
      return false;
    }
    return true;
  });
  // A server's listener refuses a body over its limit before it reaches us.
  if (limits.max_document_bytes && !complete && !write_failed && !too_large &&
      request.get_header_value<std::uint64_t>("Content-Length") > *limits.max_document_bytes) {
    too_large = true;
  }
  if (too_large) {
    response.set_header("Connection", "close");
    answer_text(response, 413, limits.too_large_message);
    return std::nullopt;
  }
  if (write_failed) {
    answer_text(response, 500, limits.cannot_store_message);
    return std::nullopt;
  }
  if (!complete) {
    answer_text(response, 400, "The request body was cut short; print again.");
    return std::nullopt;
  }
  IppPost post;
  post.request = body.decode(&post.document);
  if (!post.request) {
    answer_text(response, 400, "The request body is not a valid IPP message.");
    return std::nullopt;
  }
  return post;
}

void answer_ipp(httplib::Response& response, ipp_t* message, int status) {
  response.status = status;
  response.set_content(encode_ipp(message), "application/ipp");
}

}  // namespace printline::ipp
