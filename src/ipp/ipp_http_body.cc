#include "ipp/ipp_http_body.h"

#include <fmt/format.h>

namespace printline::ipp {

IppBodySink::IppBodySink(std::filesystem::path spool_dir, Gate gate)
    : body_(std::move(spool_dir)), gate_(std::move(gate)) {}

std::optional<http::Response> IppBodySink::write(const char* data, std::size_t size) {
  if (!body_.append(data, size)) {
    return http::text_response(
        500, "The printer cannot store the request (disk full?); free space and print again.");
  }
  if (gated_) return std::nullopt;
  head_.append(data, std::min<std::size_t>(size, kMaxIppAttributeBytes + 1 - head_.size()));
  std::size_t used = 0;
  IppPtr message = read_ipp_from_memory(head_, &used);
  if (!message) {
    if (head_.size() > kMaxIppAttributeBytes) {
      return http::text_response(
          413, fmt::format("The IPP request's attributes take more than {} bytes; no printing "
                           "client sends that many. Send a smaller request.",
                           kMaxIppAttributeBytes));
    }
    return std::nullopt;  // the message is not complete yet
  }
  gated_ = true;
  head_.clear();
  head_.shrink_to_fit();
  if (gate_) return gate_(message.get());
  return std::nullopt;
}

std::optional<IppBodySink::Post> IppBodySink::finish(http::Response& response) {
  Post post;
  post.request = body_.decode(&post.document);
  if (!post.request) {
    response = http::text_response(400, "The request body is not a valid IPP message.");
    return std::nullopt;
  }
  return post;
}

std::optional<IppBodySink::Post> finished_ipp_post(http::Request& request,
                                                   http::Response& response) {
  auto* body = dynamic_cast<IppBodySink*>(request.sink.get());
  if (!body) {
    response = http::text_response(400, "The request carries no IPP message.");
    return std::nullopt;
  }
  return body->finish(response);
}

std::string ipp_authority(const http::Request& request, const std::string& fallback) {
  std::string authority = request.get_header_value("Host");
  return authority.empty() ? fallback : authority;
}

bool is_ipp_content_type(const http::Request& request) {
  return request.get_header_value("Content-Type").rfind("application/ipp", 0) == 0;
}

void answer_ipp(http::Response& response, ipp_t* message, int status) {
  response.status = status;
  response.set_content(encode_ipp(message), "application/ipp");
}

}  // namespace printline::ipp
