// Fuzzes the control socket's request-line parser (any local process of the user, or root,
// can write to the socket) and the JSON readers the CLI applies to the daemon's answers.
// Properties: never crashes; a parsed request written back with request_line() parses again
// to the same command; a refusal always has a sentence.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "client/control_protocol.h"

using printline::client::ClientEvent;
using printline::client::parse_request_line;
using printline::client::request_line;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto request = parse_request_line(line);
  if (!request.ok()) {
    if (request.error().message.empty()) std::abort();
  } else {
    auto again = parse_request_line(request_line(*request));
    if (!again.ok() || again->command != request->command) std::abort();
  }
  auto json = nlohmann::json::parse(line, nullptr, false);
  if (!json.is_discarded()) {
    try {
      (void)json.get<ClientEvent>();
    } catch (const nlohmann::json::exception&) {
      // A wrong type is reported as an exception and turned into a message by the client.
    }
  }
  return 0;
}
