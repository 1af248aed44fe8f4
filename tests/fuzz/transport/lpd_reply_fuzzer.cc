// Fuzzes what an LPD server may send back in place of an acknowledgement.
// Properties: never crashes; the message is printable ASCII/UTF-8 bytes without control
// characters and bounded; a reply is accepted exactly when it starts with a zero byte.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "transport/lpd_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto reply = printline::transport::parse_lpd_reply(bytes);
  if (reply.accepted != (!bytes.empty() && bytes.front() == '\0')) std::abort();
  if (reply.message.size() > 512) std::abort();
  for (char c : reply.message) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();
  }
  return 0;
}
