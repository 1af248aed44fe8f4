// The PDF entry point (qpdf in memory, page tree, content streams, images) on arbitrary bytes.
// Structure only: analyze_pdf_structure never starts Ghostscript.
#include <cstddef>
#include <cstdint>
#include <span>

#include "analysis/pdf_analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  printline::analysis::analyze_pdf_structure(std::span(reinterpret_cast<const char*>(data), size),
                                             "fuzz.pdf");
  return 0;
}
