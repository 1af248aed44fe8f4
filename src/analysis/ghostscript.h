#pragma once
// Ghostscript as the analyser of last resort: ink coverage per page (`-sDEVICE=inkcov`).

#include <chrono>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/error.h"

namespace printline::analysis {

struct InkCoverage {
  double cyan = 0, magenta = 0, yellow = 0, black = 0;  // fraction of the page with that ink

  // Colour when cyan, magenta and yellow differ. Ghostscript is run with -dUseFastColor, which
  // turns an RGB grey into equal cyan, magenta and yellow, so equal values mean grey.
  bool color() const;
};

// Runs `gs -sDEVICE=inkcov -dUseFastColor` on `document` (optionally on pages first..last,
// 1-based) and returns one entry per page it rendered. Ghostscript runs as a child process
// under `timeout`, killed when it expires. Errors: gs missing, timeout, or gs failing on the
// document (its message is included).
Result<std::vector<InkCoverage>> ghostscript_ink_coverage(const std::filesystem::path& document,
                                                          std::chrono::milliseconds timeout,
                                                          std::optional<int> first_page = {},
                                                          std::optional<int> last_page = {});

}  // namespace printline::analysis
