#include "analysis/analyze.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>

#include "analysis/ghostscript.h"
#include "analysis/paper_size.h"
#include "analysis/pcl5_scanner.h"
#include "analysis/pclxl_parser.h"
#include "analysis/pdf_analyzer.h"
#include "analysis/pjl_header.h"
#include "analysis/postscript_dsc.h"
#include "analysis/text_pages.h"

namespace printline::analysis {
namespace {

// A document that Ghostscript can read: the job file itself, or a temporary copy of the
// payload inside a PJL wrapper. Removed when it goes out of scope.
class GhostscriptInput {
 public:
  GhostscriptInput(std::string_view payload, const std::filesystem::path* whole_file)
      : payload_(payload), whole_file_(whole_file) {}
  ~GhostscriptInput() {
    if (!temporary_.empty()) std::filesystem::remove(temporary_);
  }
  GhostscriptInput(const GhostscriptInput&) = delete;
  GhostscriptInput& operator=(const GhostscriptInput&) = delete;

  Result<std::filesystem::path> path() {
    if (whole_file_) return *whole_file_;
    if (!temporary_.empty()) return temporary_;
    std::string name = (std::filesystem::temp_directory_path() / "printline-job-XXXXXX").string();
    int fd = mkstemp(name.data());
    if (fd < 0) return Error{"Cannot create a temporary file: " + std::string(strerror(errno))};
    temporary_ = name;
    size_t written = 0;
    while (written < payload_.size()) {
      ssize_t n = write(fd, payload_.data() + written, payload_.size() - written);
      if (n <= 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fd);
        return Error{"Cannot write a temporary file: " + std::string(strerror(errno))};
      }
      written += static_cast<size_t>(n);
    }
    close(fd);
    return temporary_;
  }

 private:
  std::string_view payload_;
  const std::filesystem::path* whole_file_;
  std::filesystem::path temporary_;
};

Result<std::vector<InkCoverage>> ink_coverage(GhostscriptInput& input,
                                              const AnalyzeOptions& options,
                                              std::optional<int> first = {},
                                              std::optional<int> last = {}) {
  auto path = input.path();
  if (!path) return path.error();
  return ghostscript_ink_coverage(*path, options.ghostscript_timeout, first, last);
}

Result<JobAnalysis> analyze_pdf(std::string_view payload, GhostscriptInput& input,
                                const AnalyzeOptions& options) {
  auto structure = analyze_pdf_structure(payload, "job.pdf");
  if (!structure) return structure.error();
  JobAnalysis& analysis = structure->analysis;
  const auto& evidence = structure->evidence;
  auto first = std::find(evidence.begin(), evidence.end(), ColorEvidence::kUndecided);
  if (first == evidence.end()) return std::move(analysis);
  // Undecided pages count as colour unless Ghostscript measures them.
  int first_page = static_cast<int>(first - evidence.begin()) + 1;
  int last_page = static_cast<int>(
      evidence.rend() - std::find(evidence.rbegin(), evidence.rend(), ColorEvidence::kUndecided));
  for (int page = first_page; page <= last_page; ++page) {
    if (evidence[page - 1] == ColorEvidence::kUndecided) analysis.pages[page - 1].color = true;
  }
  analysis.color_method = Method::kHeuristic;
  if (!options.allow_ghostscript) return std::move(analysis);
  auto ink = ink_coverage(input, options, first_page, last_page);
  if (!ink || ink->size() != static_cast<size_t>(last_page - first_page + 1)) {
    return std::move(analysis);  // qpdf read it; keep the cautious answer
  }
  for (int page = first_page; page <= last_page; ++page) {
    if (evidence[page - 1] == ColorEvidence::kUndecided) {
      analysis.pages[page - 1].color = (*ink)[page - first_page].color();
    }
  }
  analysis.color_method = Method::kInkCoverage;
  return std::move(analysis);
}

Result<JobAnalysis> analyze_postscript(std::string_view payload, GhostscriptInput& input,
                                       const AnalyzeOptions& options) {
  DscSummary dsc = read_dsc(payload);
  JobAnalysis analysis;
  analysis.format = DocumentFormat::kPostScript;
  analysis.duplex = dsc.duplex;
  analysis.copies = dsc.copies;
  bool pages_missing =
      dsc.declared_pages ? *dsc.declared_pages != dsc.page_markers : dsc.pages_atend;
  if (dsc.conforming && !dsc.has_eof && pages_missing) {
    // The trailer is missing and the page comments do not add up: the file was cut short.
    return Error{"The PostScript document is incomplete: it ends after " +
                 std::to_string(dsc.page_markers) + " of " +
                 (dsc.declared_pages ? std::to_string(*dsc.declared_pages) : "its") +
                 " pages, without its trailer (the file was cut short); print it again from "
                 "the application."};
  }
  bool black_only = dsc.process_colors_black_only.value_or(false);
  if (options.allow_ghostscript && !(dsc.trustworthy() && black_only)) {
    // Ghostscript renders every page once: that gives both the page count and the colour.
    auto ink = ink_coverage(input, options);
    if (!ink) return ink.error();
    if (ink->empty()) {
      return Error{
          "The PostScript document prints no pages; print it again from the "
          "application."};
    }
    PageInfo fallback = dsc.pages.empty() ? PageInfo{} : dsc.pages.back();
    for (size_t i = 0; i < ink->size(); ++i) {
      PageInfo page = i < dsc.pages.size() ? dsc.pages[i] : fallback;
      page.color = (*ink)[i].color();
      analysis.pages.push_back(page);
    }
    analysis.page_count_method =
        dsc.trustworthy() && dsc.pages.size() == ink->size() ? Method::kDsc : Method::kGhostscript;
    analysis.color_method = Method::kInkCoverage;
    return analysis;
  }
  analysis.pages = dsc.pages;
  analysis.page_count_method = dsc.trustworthy() ? Method::kDsc : Method::kHeuristic;
  if (analysis.pages.empty()) {
    // No page comments at all: one page per showpage is the best guess without Ghostscript.
    size_t count = 0;
    for (size_t at = payload.find("showpage"); at != std::string_view::npos;
         at = payload.find("showpage", at + 8)) {
      ++count;
    }
    analysis.pages.assign(std::max<size_t>(count, 1), PageInfo{false, 0, 0, "unknown"});
  }
  for (PageInfo& page : analysis.pages) page.color = !black_only;
  analysis.color_method = black_only ? Method::kDsc : Method::kHeuristic;
  return analysis;
}

PaperSize default_paper(const AnalyzeOptions& options, const std::optional<PjlHeader>& pjl) {
  if (pjl && pjl->paper) {
    if (auto paper = paper_by_name(*pjl->paper)) return *paper;
  }
  if (auto paper = paper_by_name(options.default_paper)) return *paper;
  return *paper_by_name("A4");
}

Result<JobAnalysis> analyze_document(std::string_view data, const std::filesystem::path* whole_file,
                                     const AnalyzeOptions& options) {
  if (data.empty()) {
    return Error{"The document is empty (0 bytes): there is nothing to print."};
  }
  DetectedFormat detected =
      detect_format(std::span(data.data(), std::min<size_t>(data.size(), 65536)));
  std::optional<PjlHeader> pjl;
  std::string_view payload = data;
  if (detected.pjl_wrapped) {
    pjl = parse_pjl_header(data);
    payload = data.substr(pjl->payload_offset, pjl->payload_end - pjl->payload_offset);
    if (payload.empty()) {
      return Error{"The job holds only PJL printer commands and no document to print."};
    }
    whole_file = nullptr;  // Ghostscript must not see the PJL wrapper
  }
  GhostscriptInput input(payload, whole_file);
  Result<JobAnalysis> result = Error{};
  switch (detected.format) {
    case DocumentFormat::kPdf:
      result = analyze_pdf(payload, input, options);
      break;
    case DocumentFormat::kPostScript:
      result = analyze_postscript(payload, input, options);
      break;
    case DocumentFormat::kPclXl:
      result = analyze_pclxl(payload);
      break;
    case DocumentFormat::kPcl5:
      result = analyze_pcl5(payload, default_paper(options, pjl));
      break;
    case DocumentFormat::kText:
      result = analyze_text(payload, default_paper(options, pjl));
      break;
    case DocumentFormat::kUnknown:
      return Error{
          "The document's format is not recognised (it is not PDF, PostScript, "
          "PCL-XL, PCL 5 or plain text); print it from an application instead."};
  }
  if (!result || !pjl) return result;
  JobAnalysis& analysis = result.value();
  analysis.pjl_wrapped = true;
  // The document's own settings win over the PJL header, as on the printer.
  if (!analysis.copies) analysis.copies = pjl->copies;
  if (!analysis.duplex) analysis.duplex = pjl->duplex;
  if (pjl->grayscale.value_or(false)) {
    for (PageInfo& page : analysis.pages) page.color = false;
    analysis.color_method = Method::kPjl;
  }
  return result;
}

}  // namespace

Result<JobAnalysis> analyze_bytes(std::span<const char> data, const AnalyzeOptions& options) {
  return analyze_document(std::string_view(data.data(), data.size()), nullptr, options);
}

Result<JobAnalysis> analyze_file(const std::filesystem::path& path, const AnalyzeOptions& options) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    return Error{path.string() + " is a folder, not a document."};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error{"Cannot open " + path.string() + ": " + std::strerror(errno) + "."};
  }
  std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return Error{"Cannot read " + path.string() + "."};
  std::filesystem::path absolute = std::filesystem::absolute(path);
  return analyze_document(data, &absolute, options);
}

}  // namespace printline::analysis
