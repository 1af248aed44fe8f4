// The PCL 5 escape-sequence scanner on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/pcl5_scanner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto kPaper = *printline::analysis::paper_by_name("A4");
  printline::analysis::analyze_pcl5(std::string_view(reinterpret_cast<const char*>(data), size),
                                    kPaper);
  return 0;
}
