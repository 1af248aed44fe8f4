#include "analysis/analyze.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <system_error>

#include "analysis/byte_source.h"
#include "analysis/chunk_reader.h"
#include "analysis/ghostscript.h"
#include "analysis/paper_size.h"
#include "analysis/pcl5_scanner.h"
#include "analysis/pclxl_parser.h"
#include "analysis/pdf_analyzer.h"
#include "analysis/pjl_header.h"
#include "analysis/postscript_dsc.h"
#include "analysis/text_pages.h"
#include "core/fd_io.h"
#include "core/temporary_file.h"

namespace printline::analysis {
namespace {

// A document that Ghostscript can read by path: the job file itself, or a temporary copy of
// the payload inside a PJL wrapper (copied through a 1 MiB buffer, never whole in memory).
// Removed when it goes out of scope.
class GhostscriptInput {
 public:
  explicit GhostscriptInput(const ByteSource& payload) : payload_(payload) {}
  GhostscriptInput(const GhostscriptInput&) = delete;
  GhostscriptInput& operator=(const GhostscriptInput&) = delete;

  Result<std::filesystem::path> path() {
    if (payload_.whole_file()) return *payload_.whole_file();
    if (temporary_.fd() >= 0) return temporary_.path();
    if (auto failed = temporary_.open("printline-job")) return *failed;
    std::string buffer(1 << 20, '\0');
    for (uint64_t offset = 0; offset < payload_.size();) {
      size_t got = payload_.read_at(offset, buffer.data(), buffer.size());
      if (got == 0) break;
      if (!write_all(temporary_.fd(), buffer.data(), got)) {
        return Error{"Cannot write a temporary file: " + std::string(strerror(errno))};
      }
      offset += got;
    }
    return temporary_.path();
  }

 private:
  const ByteSource& payload_;
  TemporaryFile temporary_;
};

Result<std::vector<InkCoverage>> ink_coverage(GhostscriptInput& input,
                                              const AnalyzeOptions& options,
                                              std::optional<int> first = {},
                                              std::optional<int> last = {}) {
  auto path = input.path();
  if (!path) return path.error();
  return ghostscript_ink_coverage(*path, options.ghostscript_timeout, first, last);
}

Result<JobAnalysis> analyze_pdf(const ByteSource& payload, GhostscriptInput& input,
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

Result<JobAnalysis> analyze_postscript(const ByteSource& payload, GhostscriptInput& input,
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
    analysis.pages.assign(std::max(dsc.showpage_count, 1), PageInfo{false, 0, 0, "unknown"});
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

// How much of the start of a job the PJL header may take (real ones take a few hundred bytes).
constexpr size_t kPjlHeaderLimit = 1 << 20;

std::string read_head(const ByteSource& source, size_t length) {
  std::string head(static_cast<size_t>(std::min<uint64_t>(length, source.size())), '\0');
  head.resize(source.read_at(0, head.data(), head.size()));
  return head;
}

// Each format is read from `data` piece by piece (see byte_source.h): memory stays bounded
// whatever the size of the job.
Result<JobAnalysis> analyze_document(const ByteSource& data, const AnalyzeOptions& options) {
  if (data.size() == 0) {
    return Error{"The document is empty (0 bytes): there is nothing to print."};
  }
  DetectedFormat detected;
  std::optional<PjlHeader> pjl;
  ByteSource payload = data;
  {
    std::string head = read_head(data, 65536);
    detected = detect_format(std::span(head.data(), head.size()));
    if (detected.pjl_wrapped) {
      if (data.size() > head.size()) head = read_head(data, kPjlHeaderLimit);
      pjl = parse_pjl_header(head);
      // The payload runs to the next UEL anywhere in the file, as a printer reads it.
      uint64_t end =
          find_in(data, kUniversalExitLanguage, pjl->payload_offset).value_or(data.size());
      payload = data.slice(pjl->payload_offset, end - pjl->payload_offset);
      if (payload.size() == 0) {
        return Error{"The job holds only PJL printer commands and no document to print."};
      }
    }
  }
  GhostscriptInput input(payload);  // Ghostscript must not see a PJL wrapper
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
  return analyze_document(ByteSource::from_memory(data.data(), data.size()), options);
}

Result<JobAnalysis> analyze_file(const std::filesystem::path& path, const AnalyzeOptions& options) {
  std::string problem;
  std::optional<ByteSource> source = ByteSource::open_file(path, problem);
  if (!source) return Error{problem};
  try {
    return analyze_document(*source, options);
  } catch (const std::system_error& e) {
    return Error{"Cannot read " + path.string() + " (" + e.code().message() +
                 "); check the disk and print it again."};
  }
}

}  // namespace printline::analysis
