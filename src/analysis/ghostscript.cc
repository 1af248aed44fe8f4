#include "analysis/ghostscript.h"

#include <algorithm>
#include <sstream>

#include "analysis/subprocess.h"

namespace printline::analysis {
namespace {

// The last non-empty line of Ghostscript's messages, which usually names the error.
std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line, last;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  }
  return last;
}

}  // namespace

bool InkCoverage::color() const {
  double high = std::max({cyan, magenta, yellow});
  double low = std::min({cyan, magenta, yellow});
  return high - low > 0.000005;  // gs prints five decimals; grey gives identical values
}

Result<std::vector<InkCoverage>> ghostscript_ink_coverage(const std::filesystem::path& document,
                                                          std::chrono::milliseconds timeout,
                                                          std::optional<int> first_page,
                                                          std::optional<int> last_page) {
  std::vector<std::string> argv = {"gs",
                                   "-q",
                                   "-dSAFER",
                                   "-dBATCH",
                                   "-dNOPAUSE",
                                   "-sDEVICE=inkcov",
                                   "-dUseFastColor=true",
                                   "-sOutputFile=-"};
  if (first_page) argv.push_back("-dFirstPage=" + std::to_string(*first_page));
  if (last_page) argv.push_back("-dLastPage=" + std::to_string(*last_page));
  argv.push_back("-f");
  argv.push_back(document.string());
  auto run = run_with_timeout(argv, timeout);
  if (!run) return Error{"Ghostscript could not analyse the document: " + run.error().message};
  std::vector<InkCoverage> pages;
  std::istringstream lines(run->out);
  std::string line;
  while (std::getline(lines, line)) {
    InkCoverage ink;
    std::string model, status;
    std::istringstream fields(line);
    if (fields >> ink.cyan >> ink.magenta >> ink.yellow >> ink.black >> model >> status &&
        model == "CMYK") {
      pages.push_back(ink);
    }
  }
  if (run->exit_code != 0) {
    std::string why = last_line(run->err.empty() ? run->out : run->err);
    return Error{"Ghostscript could not read the document (" +
                 (why.empty() ? "exit code " + std::to_string(run->exit_code) : why) +
                 "); it is probably damaged or truncated; print it again from the application."};
  }
  return pages;
}

}  // namespace printline::analysis
