// PostScript DSC comment reading on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/postscript_dsc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto dsc =
      printline::analysis::read_dsc(std::string_view(reinterpret_cast<const char*>(data), size));
  if (dsc.pages.size() != static_cast<size_t>(dsc.page_markers)) __builtin_trap();
  return 0;
}
