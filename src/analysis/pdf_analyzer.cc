#include "analysis/pdf_analyzer.h"

#include "analysis/paper_size.h"

namespace printline::analysis {

Result<PdfStructure> analyze_pdf_structure(std::span<const char> data,
                                           const std::string& description) {
  return analyze_pdf_structure(ByteSource::from_memory(data.data(), data.size()), description);
}

Result<PdfStructure> analyze_pdf_structure(const ByteSource& source,
                                           const std::string& description) {
  auto document = pdf::read_pdf_document(source, description);
  if (!document) return document.error();
  PdfStructure result;
  JobAnalysis& analysis = result.analysis;
  analysis.format = DocumentFormat::kPdf;
  analysis.page_count_method = Method::kStructure;
  analysis.color_method = Method::kStructure;
  analysis.duplex = document->duplex;
  analysis.copies = document->copies;
  for (const pdf::PdfPage& page : document->pages) {
    analysis.pages.push_back(PageInfo{page.color != pdf::PageColor::kGray, page.width_pt,
                                      page.height_pt, paper_name(page.width_pt, page.height_pt)});
    result.evidence.push_back(page.color);
  }
  return result;
}

}  // namespace printline::analysis
