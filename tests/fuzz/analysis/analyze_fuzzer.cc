// The whole analysis entry point (detection, PJL, every format) without Ghostscript.
#include <cstddef>
#include <cstdint>
#include <span>

#include "analysis/analyze.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  printline::analysis::AnalyzeOptions options;
  options.allow_ghostscript = false;
  printline::analysis::analyze_bytes(std::span(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
