#pragma once
// Where a streamed route's request body goes as it arrives (an IPP document to the spool),
// so that it is never held whole in memory. Called on the connection's I/O thread, in order;
// the handler then finds the sink in Request::sink.

#include <cstddef>
#include <optional>

#include "http/response.h"

namespace printline::http {

class BodySink {
 public:
  virtual ~BodySink() = default;
  // Takes the next bytes of the body. A response refuses the request at once: it is sent, the
  // rest of the body is not read and the connection is closed.
  virtual std::optional<Response> write(const char* data, std::size_t size) = 0;
};

}  // namespace printline::http
