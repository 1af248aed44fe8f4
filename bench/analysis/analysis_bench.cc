// analysis_bench [DIR] — pages per second of printline's analyze_file on every PDF in DIR
// (default /usr/share/cups/data), against Ghostscript inkcov and `qpdf --show-npages` on the
// same files in the same run, printed as ratios. The goal (SPEC.md §5) is >= 10x inkcov.
//
// Each contender runs over the whole set repeatedly until it has run for at least
// kMinSeconds; the external tools are started once per file, as a print server would.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/subprocess.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using printline::analysis::run_with_timeout;

constexpr double kMinSeconds = 4.0;

struct Measurement {
  double pages_per_second = 0;
  int rounds = 0;
};

// Runs `one_round` (which returns false on failure) until kMinSeconds have passed.
Measurement measure(int pages_per_round, const std::function<bool()>& one_round) {
  Measurement m;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < kMinSeconds || m.rounds < 2) {
    if (!one_round()) return {};
    ++m.rounds;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  m.pages_per_second = pages_per_round * m.rounds / elapsed;
  return m;
}

bool run_tool(std::vector<std::string> argv) {
  auto result = run_with_timeout(argv, std::chrono::seconds(60));
  return result.ok() && result->exit_code == 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("/usr/share/cups/data");
  std::vector<fs::path> pdfs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  if (pdfs.empty()) {
    std::fprintf(stderr, "No PDFs in %s\n", dir.c_str());
    return 2;
  }
  int pages = 0;
  bool used_ghostscript = false;
  for (const fs::path& pdf : pdfs) {
    auto result = printline::analysis::analyze_file(pdf);
    if (!result) {
      std::fprintf(stderr, "%s: %s\n", pdf.c_str(), result.error().message.c_str());
      return 1;
    }
    pages += result->page_count();
    used_ghostscript |= result->color_method == printline::analysis::Method::kInkCoverage;
  }
  std::printf("analysis_bench: %zu PDFs, %d pages, from %s\n", pdfs.size(), pages, dir.c_str());

  Measurement printline = measure(pages, [&] {
    for (const fs::path& pdf : pdfs) {
      if (!printline::analysis::analyze_file(pdf)) return false;
    }
    return true;
  });
  Measurement inkcov = measure(pages, [&] {
    for (const fs::path& pdf : pdfs) {
      if (!run_tool({"gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=inkcov",
                     "-sOutputFile=-", pdf.string()})) {
        return false;
      }
    }
    return true;
  });
  Measurement qpdf = measure(pages, [&] {
    for (const fs::path& pdf : pdfs) {
      auto result =
          run_with_timeout({"qpdf", "--show-npages", pdf.string()}, std::chrono::seconds(60));
      if (!result.ok()) return false;  // qpdf exits 0, or 3 for warnings: both count pages
    }
    return true;
  });

  std::printf("%-34s %12s %8s\n", "contender", "pages/s", "rounds");
  std::printf("%-34s %12.1f %8d\n", "printline analyze_file", printline.pages_per_second,
              printline.rounds);
  std::printf("%-34s %12.1f %8d\n", "gs -sDEVICE=inkcov", inkcov.pages_per_second, inkcov.rounds);
  std::printf("%-34s %12.1f %8d\n", "qpdf --show-npages", qpdf.pages_per_second, qpdf.rounds);
  if (inkcov.pages_per_second <= 0 || qpdf.pages_per_second <= 0) {
    std::fprintf(stderr, "a reference tool failed (are ghostscript and qpdf installed?)\n");
    return 1;
  }
  double vs_inkcov = printline.pages_per_second / inkcov.pages_per_second;
  double vs_qpdf = printline.pages_per_second / qpdf.pages_per_second;
  std::printf("ratio printline / inkcov: %.1fx (goal >= 10x: %s)\n", vs_inkcov,
              vs_inkcov >= 10 ? "met" : "NOT met");
  std::printf("ratio printline / qpdf --show-npages: %.1fx\n", vs_qpdf);
  std::printf("Ghostscript needed by printline on this corpus: %s\n",
              used_ghostscript ? "yes" : "no");
  return 0;
}
