#pragma once
// Reads one request from the bytes of a connection (Beast's HTTP/1.1 parser underneath) and
// enforces the limits while reading, before anything is buffered: the request line and each
// header line, the number of headers, the whole header, and the route's body size — counted
// as the bytes arrive, so a chunked body cannot grow past it either. A refusal carries its
// status and a message for the client; the caller then answers it and closes the connection.

#include <boost/beast/http/basic_parser.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/body_sink.h"
#include "http/limits.h"
#include "http/request.h"
#include "http/response.h"

namespace printline::http {

class RequestReader : public boost::beast::http::basic_parser<true> {
 public:
  RequestReader(Request& request, const HttpLimits& limits);

  // Set once the header is read, before any body is: where the body goes and how much of it.
  void set_body_limit(std::uint64_t max_bytes) { max_body_ = max_bytes; }
  void set_sink(std::shared_ptr<BodySink> sink) { sink_ = std::move(sink); }

  // Why reading stopped, when the sink refused: its own answer.
  const std::optional<Response>& refusal() const { return refusal_; }
  // Why reading stopped, when it was a limit: the status (413, 414, 431) and a message.
  int limit_status() const { return limit_status_; }
  const std::string& limit_message() const { return limit_message_; }
  // The body length the header declares (Content-Length), if any.
  std::optional<std::uint64_t> declared_length() const;
  bool has_body() const;  // a Content-Length above zero, or chunked
  std::uint64_t body_received() const { return received_; }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

  void refuse(error_code& ec, int status, std::string message);
  std::size_t take_body(string_view body, error_code& ec);

  void on_request_impl(boost::beast::http::verb method, string_view method_str,
                       string_view target, int version, error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code&) override {}
  void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body,
                                 error_code& ec) override;
  void on_finish_impl(error_code&) override {}

  Request& request_;
  const HttpLimits& limits_;
  std::size_t fields_ = 0;
  std::uint64_t max_body_ = 0;
  std::uint64_t received_ = 0;
  std::shared_ptr<BodySink> sink_;
  std::optional<Response> refusal_;
  int limit_status_ = 0;
  std::string limit_message_;
};

}  // namespace printline::http
