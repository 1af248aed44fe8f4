#pragma once
// A one-page PDF made in memory for tests: about `size` bytes (its content stream padded with
// comments), with `marker` written into it so that every job's document is different and a
// printer peer's bytes show how many times each one arrived.

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace printline::testing {

inline std::string one_page_pdf(std::size_t size, std::string_view marker = {}) {
  std::string content = "0 0 m 100 100 l S\n";
  if (!marker.empty()) content += "% " + std::string(marker) + "\n";
  const std::string filler = "% " + std::string(76, 'x') + "\n";
  while (content.size() < size) content += filler;
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
  object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
         "\nendstream");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (auto offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace printline::testing
