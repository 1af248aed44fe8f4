#pragma once
// One HTTP request as a handler sees it, independent of the network library that read it.
// Member names follow what the handlers used before (method, path, matches, remote_addr,
// get_header_value, has_param...) so routes read the same.

#include <any>
#include <cstddef>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

namespace printline::http {

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};

// Header names compare without regard to case (RFC 9110 §5.1); a name may repeat.
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

class BodySink;

struct Request {
  std::string method;       // "GET", "POST"...
  std::string target;       // as sent: "/api/v1/jobs?limit=5"
  std::string path;         // percent-decoded, without the query
  Params params;            // the query string, decoded
  Headers headers;
  std::string body;         // buffered routes; empty for a streamed body (see sink)
  std::string remote_addr;  // "127.0.0.1", "::1"
  int remote_port = 0;
  std::string local_addr;   // the address the client connected to
  int local_port = 0;
  std::smatch matches;      // the route pattern's groups over `path`
  // What a route's authorizer established (e.g. the authenticated user), for its handler.
  std::any authorized;
  // A streamed route's body, as its sink received it.
  std::shared_ptr<BodySink> sink;

  bool has_header(std::string_view name) const;
  // The n-th value of the header, or "" when absent.
  std::string get_header_value(std::string_view name, std::size_t n = 0) const;
  std::size_t get_header_value_count(std::string_view name) const;
  bool has_param(const std::string& name) const;
  std::string get_param_value(const std::string& name, std::size_t n = 0) const;
};

}  // namespace printline::http
