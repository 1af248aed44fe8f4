// Feeds arbitrary bytes to the request reader as a connection would, then decodes the target
// as the server does: no crash, no read past the input, limits hold.

#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "http/query_string.h"
#include "http/request_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace printline::http;
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(1 << 16);
  std::string pending(reinterpret_cast<const char*>(data), size);
  for (int round = 0; round < 64 && !pending.empty() && !reader.is_done(); ++round) {
    boost::beast::error_code ec;
    const std::size_t used = reader.put(boost::asio::buffer(pending), ec);
    if (ec && ec != boost::beast::http::error::need_more) break;
    if (used == 0) break;
    pending.erase(0, used);
  }
  if (request.headers.size() > limits.header_count) std::abort();
  if (request.body.size() > (1u << 16)) std::abort();
  std::string path;
  Params params;
  split_target(request.target, &path, &params);
  if (path.size() > request.target.size()) std::abort();
  // The target decoder alone, on the raw bytes too.
  split_target(std::string_view(reinterpret_cast<const char*>(data), size), &path, &params);
  (void)parse_query(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
