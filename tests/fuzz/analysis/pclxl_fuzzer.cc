// The PCL-XL stream parser on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/pclxl_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  printline::analysis::analyze_pclxl(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
