#pragma once
// One HTTP answer as a handler fills it; the server writes it out (adding the security
// headers of docs/server.md).

#include <string>
#include <string_view>

#include "http/request.h"

namespace printline::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false;  // close the connection after this answer

  void set_header(std::string_view name, std::string_view value);
  bool has_header(std::string_view name) const;
  std::string get_header_value(std::string_view name) const;
  void set_content(std::string content, std::string_view content_type);
};

// A plain-text answer: what happened and what to do.
Response text_response(int status, std::string_view message);

}  // namespace printline::http
