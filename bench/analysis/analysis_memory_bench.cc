// analysis_memory_bench [--size-mib N] [--keep] — peak memory of `printline analyze` on ~1 GiB
// jobs (issue 14: under 64 MiB), against `qpdf --show-npages` on the same PDF in the same run.
//
// Writes each document into a fresh directory under $TMPDIR (deleted at the end): a scanned
// PDF (300 dpi RGB page images), a PDF with thousands of small pages, DSC PostScript and
// PCL-XL. Runs `printline analyze --json` on each as a child process and reads its peak RSS,
// CPU and wall time from wait4's rusage (which includes any Ghostscript it starts); then the
// peer: `qpdf --show-npages` for the PDFs, `cat` (just reading the file) for the others. Checks
// the page and colour counts. Exit status 1 when a result is wrong or a peak reaches the goal.

#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "large_documents.h"
#include "measured_run.h"

namespace {

namespace fs = std::filesystem;
using namespace printline::analysis::testing;

constexpr double kGoalMib = 64;

struct Kind {
  const char* name;
  const char* format;
  std::function<LargeDocument(const fs::path&, uint64_t)> write;
  const char* file;
  bool pdf;
};

// A top-level value of printline's indented JSON, read line by line: parsing 16,000 pages
// into a DOM would raise this process's own peak, which exec hands on to the next child's
// ru_maxrss (posix_spawn shares our memory until exec).
std::string top_level(const fs::path& json, const std::string& key) {
  std::ifstream in(json);
  std::string line, prefix = "  \"" + key + "\": ";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::string value = line.substr(prefix.size());
    if (!value.empty() && value.back() == ',') value.pop_back();
    return value;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t size_mib = 1024;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--size-mib") && i + 1 < argc) {
      size_mib = std::strtoull(argv[++i], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--keep")) {
      keep = true;
    } else {
      std::fprintf(stderr, "usage: %s [--size-mib N] [--keep]\n", argv[0]);
      return 2;
    }
  }
  std::string pattern = (fs::temp_directory_path() / "printline-memory-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    std::perror("mkdtemp under $TMPDIR");
    return 2;
  }
  fs::path dir = pattern;
  const std::vector<Kind> kinds = {
      {"PDF, scanned pages", "pdf", write_scan_pdf, "scans.pdf", true},
      {"PDF, many small pages", "pdf", write_many_pages_pdf, "pages.pdf", true},
      {"PostScript (DSC)", "postscript", write_dsc_postscript, "job.ps", false},
      {"PCL-XL", "pcl-xl", write_pclxl, "job.pxl", false},
  };
  std::printf("%-22s %8s %6s %6s | %-22s %8s %7s | %-20s %8s %7s | %s\n", "document", "MiB",
              "pages", "gen s", "printline analyze", "peak MiB", "wall s", "peer", "peak MiB",
              "wall s", "goal < 64 MiB");
  bool all_good = true;
  for (const Kind& kind : kinds) {
    auto generation_start = std::chrono::steady_clock::now();
    LargeDocument document = kind.write(dir / kind.file, size_mib << 20);
    double generation =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - generation_start).count();
    MeasuredRun ours =
        run_measured({PRINTLINE_CLI_PATH, "analyze", "--json", document.path.string()},
                     dir / "out.json", dir / "err.txt", std::chrono::seconds(600));
    std::string verdict;
    if (!ours.started || ours.timed_out || ours.exit_code != 0) {
      verdict = "FAILED to analyse (see " + (dir / "err.txt").string() + ")";
      keep = true;
    } else {
      bool right =
          top_level(dir / "out.json", "format") == "\"" + std::string(kind.format) + "\"" &&
          top_level(dir / "out.json", "page_count") == std::to_string(document.pages) &&
          top_level(dir / "out.json", "color_page_count") == std::to_string(document.color_pages);
      verdict = !right ? "WRONG RESULT" : ours.peak_rss_mib < kGoalMib ? "met" : "NOT MET";
    }
    all_good = all_good && verdict == "met";
    std::vector<std::string> peer_argv =
        kind.pdf ? std::vector<std::string>{"qpdf", "--show-npages", document.path.string()}
                 : std::vector<std::string>{"cat", document.path.string()};
    MeasuredRun peer =
        run_measured(peer_argv, "/dev/null", dir / "peer-err.txt", std::chrono::seconds(600));
    std::printf("%-22s %8.0f %6d %6.1f | %-22s %8.1f %7.2f | %-20s %8.1f %7.2f | %s\n", kind.name,
                static_cast<double>(document.bytes) / (1 << 20), document.pages, generation, "",
                ours.peak_rss_mib, ours.wall_seconds,
                kind.pdf ? "qpdf --show-npages" : "cat (read only)", peer.peak_rss_mib,
                peer.wall_seconds, verdict.c_str());
    std::fflush(stdout);
    if (!keep) fs::remove(document.path);
  }
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  std::printf(
      "(this bench's own peak RSS: %.1f MiB; exec hands it on to each child's ru_maxrss, so "
      "the peaks above are upper bounds)\n",
      static_cast<double>(self.ru_maxrss) / 1024.0);
  if (keep) {
    std::printf("documents kept in %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  return all_good ? 0 : 1;
}
