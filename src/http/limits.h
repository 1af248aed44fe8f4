#pragma once
// What one HTTP server lets a client use, enforced while reading (docs/server.md,
// "HTTP limits"). Body sizes are per route (route_table.h, RouteClass).

#include <chrono>
#include <cstddef>

namespace printline::http {

struct HttpLimits {
  std::size_t line_bytes = 8 << 10;     // the request line and each header line (414 / 431)
  std::size_t header_count = 100;       // header lines (431)
  std::size_t header_bytes = 64 << 10;  // the whole header (431)
  // The whole header must arrive within this, from the connection's first byte (a client
  // trickling it is closed), and a body may pause at most body_timeout between reads.
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive between requests
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t connections_per_address = 4096;
};

}  // namespace printline::http
