#include "http/response.h"

namespace printline::http {

void Response::set_header(std::string_view name, std::string_view value) {
  // Set-Cookie may repeat; every other header set by a handler replaces the earlier value.
  if (name != "Set-Cookie") headers.erase(std::string(name));
  headers.emplace(std::string(name), std::string(value));
}

bool Response::has_header(std::string_view name) const {
  return headers.find(std::string(name)) != headers.end();
}

std::string Response::get_header_value(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string{} : it->second;
}

void Response::set_content(std::string content, std::string_view content_type) {
  body = std::move(content);
  set_header("Content-Type", content_type);
}

Response text_response(int status, std::string_view message) {
  Response response;
  response.status = status;
  response.set_content(std::string(message) + "\n", "text/plain; charset=utf-8");
  return response;
}

}  // namespace printline::http
