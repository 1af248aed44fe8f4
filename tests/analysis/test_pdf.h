#pragma once
// Builds small, valid PDFs in memory for tests: one content stream per page, optional extra
// objects, a correct cross-reference table. Also small DSC PostScript documents.

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace printline::analysis::testing {

struct TestPage {
  TestPage(std::string content_stream = "", std::string resource_dictionary = "<<>>",
           std::string extra = "")
      : content(std::move(content_stream)),
        resources(std::move(resource_dictionary)),
        extra_keys(std::move(extra)) {}
  std::string content;     // the page's content stream (uncompressed)
  std::string resources;   // the /Resources dictionary
  std::string extra_keys;  // e.g. "/Rotate 90 /MediaBox [0 0 842 1191]"
};

// An indirect stream object's text: `dictionary_entries` plus a correct /Length.
inline std::string stream_object(const std::string& dictionary_entries, const std::string& data) {
  return "<< " + dictionary_entries + " /Length " + std::to_string(data.size()) + " >>\nstream\n" +
         data + "\nendstream";
}

// `objects` are extra indirect objects numbered from 100 ("100 0 obj ... endobj" is added).
inline std::string make_pdf(const std::vector<TestPage>& pages,
                            const std::vector<std::string>& objects = {},
                            const std::string& catalog_extra = "") {
  std::vector<std::pair<int, std::string>> body;
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    int page_id = 3 + static_cast<int>(i) * 2;
    kids += std::to_string(page_id) + " 0 R ";
  }
  body.push_back({1, "<< /Type /Catalog /Pages 2 0 R " + catalog_extra + " >>"});
  body.push_back({2, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                         " /MediaBox [0 0 595 842] >>"});
  for (size_t i = 0; i < pages.size(); ++i) {
    int page_id = 3 + static_cast<int>(i) * 2;
    body.push_back({page_id, "<< /Type /Page /Parent 2 0 R /Resources " + pages[i].resources +
                                 " /Contents " + std::to_string(page_id + 1) + " 0 R " +
                                 pages[i].extra_keys + " >>"});
    body.push_back({page_id + 1, "<< /Length " + std::to_string(pages[i].content.size()) +
                                     " >>\nstream\n" + pages[i].content + "\nendstream"});
  }
  for (size_t i = 0; i < objects.size(); ++i)
    body.push_back({100 + static_cast<int>(i), objects[i]});
  std::string pdf = "%PDF-1.7\n";
  int max_id = 0;
  for (auto& [id, text] : body) max_id = std::max(max_id, id);
  std::vector<size_t> offsets(max_id + 1, 0);
  for (auto& [id, text] : body) {
    offsets[id] = pdf.size();
    pdf += std::to_string(id) + " 0 obj\n" + text + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(max_id + 1) + "\n0000000000 65535 f \n";
  for (int id = 1; id <= max_id; ++id) {
    char line[32];
    if (offsets[id]) {
      snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[id]);
    } else {
      snprintf(line, sizeof line, "%010d 65535 f \n", 0);
    }
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(max_id + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A DSC-conforming PostScript document of `pages` pages, each running `page_content`.
inline std::string make_postscript(int pages, const std::string& page_content) {
  std::string document = "%!PS-Adobe-3.0\n%%Pages: " + std::to_string(pages) + "\n%%EndComments\n";
  for (int page = 1; page <= pages; ++page) {
    document += "%%Page: " + std::to_string(page) + " " + std::to_string(page) + "\n" +
                page_content + " showpage\n";
  }
  return document + "%%EOF\n";
}

}  // namespace printline::analysis::testing
