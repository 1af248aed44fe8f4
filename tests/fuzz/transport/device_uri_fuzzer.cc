// Fuzzes device URI parsing. Properties: never crashes; a parsed URI has a host, a port in
// 1..65535, a lower-case scheme, and a resource that is empty or starts with '/'.

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "transport/device_uri.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto uri = printline::transport::parse_device_uri(text);
  if (!uri.ok()) return 0;
  if (uri->host.empty() || uri->port < 1 || uri->port > 65535) std::abort();
  for (char c : uri->scheme) {
    if (std::isupper(static_cast<unsigned char>(c))) std::abort();
  }
  if (!uri->resource.empty() && uri->resource.front() != '/') std::abort();
  return 0;
}
