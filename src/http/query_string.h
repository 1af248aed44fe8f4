#pragma once
// Request targets from the network: the path and its query string, percent-decoded
// (RFC 3986 §2.1; '+' is a space in a query, as HTML forms send it). Never throws; a malformed
// escape is kept as it was sent. Fuzzed by tests/fuzz/http.

#include <string>
#include <string_view>

#include "http/request.h"

namespace printline::http {

std::string percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=x%20y&c" → {a:1, b:"x y", c:""}.
Params parse_query(std::string_view query);

// Splits a request target into the decoded path and the decoded query parameters. False when
// the target is not an origin-form path ("/..."), e.g. "*" or an absolute URI.
bool split_target(std::string_view target, std::string* path, Params* params);

}  // namespace printline::http
