#include "http/request_reader.h"

#include <fmt/format.h>

#include <limits>

#include <boost/beast/http/error.hpp>

namespace printline::http {

RequestReader::RequestReader(Request& request, const HttpLimits& limits)
    : request_(request), limits_(limits) {
  header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  // Per route, counted in take_body(). (Not boost::none: Beast 1.74 compares the declared
  // length against an empty optional and refuses every body.)
  body_limit(std::numeric_limits<std::uint64_t>::max());
  eager(true);
}

void RequestReader::refuse(error_code& ec, int status, std::string message) {
  limit_status_ = status;
  limit_message_ = std::move(message);
  ec = boost::beast::http::error::bad_value;  // stops the parser; limit_status_ says why
}

void RequestReader::on_request_impl(boost::beast::http::verb, string_view method_str,
                                    string_view target, int, error_code& ec) {
  if (method_str.size() + target.size() + 11 > limits_.line_bytes) {
    refuse(ec, 414,
           fmt::format("The request line is longer than {} bytes. Send a shorter address.",
                       limits_.line_bytes));
    return;
  }
  request_.method = std::string(method_str);
  request_.target = std::string(target);
}

void RequestReader::on_field_impl(boost::beast::http::field, string_view name_string,
                                  string_view value, error_code& ec) {
  if (++fields_ > limits_.header_count) {
    refuse(ec, 431,
           fmt::format("The request has more than {} header lines. Send fewer headers.",
                       limits_.header_count));
    return;
  }
  if (name_string.size() + value.size() + 4 > limits_.line_bytes) {
    refuse(ec, 431,
           fmt::format("The header line {} is longer than {} bytes. Send a shorter value.",
                       std::string(name_string.substr(0, 64)), limits_.line_bytes));
    return;
  }
  request_.headers.emplace(std::string(name_string), std::string(value));
}

void RequestReader::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                      error_code& ec) {
  if (content_length && *content_length > max_body_) {
    refuse(ec, 413,
           fmt::format("The request body has {} bytes; this address takes at most {}.",
                       *content_length, max_body_));
  }
}

std::size_t RequestReader::take_body(string_view body, error_code& ec) {
  if (body.size() > max_body_ - received_) {
    refuse(ec, 413,
           fmt::format("The request body is larger than this address takes ({} bytes at most).",
                       max_body_));
    return 0;
  }
  received_ += body.size();
  if (sink_) {
    if (auto refused = sink_->write(body.data(), body.size())) {
      refusal_ = std::move(*refused);
      refusal_->close = true;
      ec = boost::beast::http::error::bad_value;
      return 0;
    }
  } else {
    request_.body.append(body.data(), body.size());
  }
  return body.size();
}

std::size_t RequestReader::on_body_impl(string_view body, error_code& ec) {
  return take_body(body, ec);
}

void RequestReader::on_chunk_header_impl(std::uint64_t size, string_view, error_code& ec) {
  // A chunk that cannot fit is refused before its bytes come.
  if (size > max_body_ - received_) {
    refuse(ec, 413,
           fmt::format("The request body is larger than this address takes ({} bytes at most).",
                       max_body_));
  }
}

std::size_t RequestReader::on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) {
  return take_body(body, ec);
}

std::optional<std::uint64_t> RequestReader::declared_length() const {
  auto length = content_length();
  if (!length) return std::nullopt;
  return *length;
}

bool RequestReader::has_body() const {
  return chunked() || (content_length() && *content_length() > 0);
}

}  // namespace printline::http
