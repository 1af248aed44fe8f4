// PJL header parsing and format detection on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/document_format.h"
#include "analysis/pjl_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  printline::analysis::PjlHeader pjl = printline::analysis::parse_pjl_header(bytes);
  if (pjl.payload_offset > size || pjl.payload_end > size) __builtin_trap();
  printline::analysis::detect_format(std::span(bytes.data(), bytes.size()));
  return 0;
}
