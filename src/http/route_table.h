#pragma once
// The routes of one HTTP server, in one table: method, path pattern (a regex over the decoded
// path, first match wins), the route's body class, an optional authorizer that decides from
// the headers alone before a byte of the body is read, and the handler.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "http/body_sink.h"
#include "http/request.h"
#include "http/response.h"

namespace printline::http {

// How much body a route reads, and how (docs/server.md, "HTTP limits").
struct RouteClass {
  std::uint64_t max_body_bytes = 0;
  bool streamed = false;  // the body goes to the route's sink as it arrives, not to Request::body

  static RouteClass none() { return {0, false}; }
  static RouteClass json() { return {8u << 20, false}; }      // the REST API, the web session
  static RouteClass upload() { return {8u << 20, false}; }    // a fallback accounting batch
  static RouteClass stream(std::uint64_t max) { return {max, true}; }  // an IPP document
};

// Runs on the worker pool with the request's headers (no body yet). A response refuses the
// request (401, 403, 429...) without its body being read; nothing lets it through. It may
// store what it established in Request::authorized for the handler.
using Authorizer = std::function<std::optional<Response>(Request&)>;
// Makes the sink a streamed route's body is written to; runs on the I/O thread after the
// authorizer allowed the request.
using SinkFactory = std::function<std::shared_ptr<BodySink>(Request&)>;
using Handler = std::function<void(Request&, Response&)>;

struct Route {
  std::string method;   // "GET" also answers HEAD
  std::string pattern;  // e.g. R"(/api/v1/users/([^/]+))"
  RouteClass body;
  Handler handler;
  Authorizer authorizer;  // optional
  SinkFactory sink;       // streamed routes only
  std::regex regex;       // compiled from pattern by RouteTable::add
};

class RouteTable {
 public:
  void add(Route route);
  void add(std::string method, std::string pattern, RouteClass body, Handler handler,
           Authorizer authorizer = {});

  struct Match {
    const Route* route = nullptr;
    bool path_known = false;  // some route has this path with another method (405)
  };
  // Fills request.matches for the route found.
  Match find(Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace printline::http
