#pragma once
// Writes large print jobs quickly and with little memory, for the bounded-memory test and
// bench (issue 14): each writer streams its document to `path` in pieces and returns what a
// correct analysis must find. Shared by tests/analysis/analysis_memory_test.cc and
// bench/analysis/analysis_memory_bench.cc.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace printline::analysis::testing {

struct LargeDocument {
  std::filesystem::path path;
  uint64_t bytes = 0;
  int pages = 0;
  int color_pages = 0;
};

namespace large_documents_detail {

class Output {
 public:
  explicit Output(const std::filesystem::path& path) : out_(path, std::ios::binary) {
    if (!out_) throw std::runtime_error("cannot write " + path.string());
  }
  void write(std::string_view bytes) {
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    position_ += bytes.size();
  }
  uint64_t position() const { return position_; }
  void close() {
    out_.close();
    if (!out_) throw std::runtime_error("writing a large document failed (disk full?)");
  }

 private:
  std::ofstream out_;
  uint64_t position_ = 0;
};

// A PDF written object by object, with its cross-reference table at the end.
class PdfOut {
 public:
  PdfOut(const std::filesystem::path& path, int objects) : out_(path), offsets_(objects + 1, 0) {
    out_.write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  }
  void object(int number, const std::string& body) {
    begin(number);
    out_.write(body);
    out_.write("\nendobj\n");
  }
  // A stream object whose data `fill` writes (exactly `length` bytes).
  template <typename Fill>
  void stream(int number, const std::string& dict_entries, uint64_t length, Fill fill) {
    begin(number);
    out_.write("<< " + dict_entries + " /Length " + std::to_string(length) + " >>\nstream\n");
    uint64_t start = out_.position();
    fill(out_);
    if (out_.position() - start != length) throw std::logic_error("stream length mismatch");
    out_.write("\nendstream\nendobj\n");
  }
  uint64_t finish() {
    uint64_t xref = out_.position();
    std::string table = "xref\n0 " + std::to_string(offsets_.size()) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t i = 1; i < offsets_.size(); ++i) {
      std::snprintf(entry, sizeof entry, "%010llu 00000 n \n",
                    static_cast<unsigned long long>(offsets_[i]));
      table += entry;
    }
    table += "trailer\n<< /Size " + std::to_string(offsets_.size()) +
             " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    out_.write(table);
    uint64_t size = out_.position();
    out_.close();
    return size;
  }

 private:
  void begin(int number) {
    offsets_.at(number) = out_.position();
    out_.write(std::to_string(number) + " 0 obj\n");
  }

  Output out_;
  std::vector<uint64_t> offsets_;
};

inline std::string kids(int pages, int first, int step) {
  std::string list;
  for (int i = 0; i < pages; ++i) list += std::to_string(first + i * step) + " 0 R ";
  return list;
}

}  // namespace large_documents_detail

// Scanned pages: each A4 page is one uncompressed 300 dpi RGB image (2480 x 3508, 26 MB),
// as a scanner's PDF. Even pages are grey (R = G = B, so every pixel must be looked at), odd
// pages colour.
inline LargeDocument write_scan_pdf(const std::filesystem::path& path, uint64_t target_bytes) {
  using namespace large_documents_detail;
  constexpr int kWidth = 2480, kHeight = 3508;
  constexpr uint64_t kImageBytes = uint64_t{kWidth} * kHeight * 3;
  int pages = static_cast<int>(std::max<uint64_t>(1, target_bytes / kImageBytes));
  PdfOut pdf(path, 2 + 3 * pages);
  pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  pdf.object(2, "<< /Type /Pages /Count " + std::to_string(pages) + " /Kids [" + kids(pages, 3, 3) +
                    "] >>");
  std::string row(kWidth * 3, '\0');
  for (int page = 0; page < pages; ++page) {
    int number = 3 + 3 * page;
    pdf.object(number, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " +
                           std::to_string(number + 1) + " 0 R /Resources << /XObject << /Im0 " +
                           std::to_string(number + 2) + " 0 R >> >> >>");
    std::string content = "q 595 0 0 842 0 0 cm /Im0 Do Q";
    pdf.stream(number + 1, "", content.size(), [&](Output& out) { out.write(content); });
    bool color = page % 2 == 1;
    pdf.stream(number + 2,
               "/Type /XObject /Subtype /Image /Width " + std::to_string(kWidth) + " /Height " +
                   std::to_string(kHeight) + " /ColorSpace /DeviceRGB /BitsPerComponent 8",
               kImageBytes, [&](Output& out) {
                 for (int y = 0; y < kHeight; ++y) {
                   for (int x = 0; x < kWidth; ++x) {
                     char level = static_cast<char>((x + y + page) & 0xff);
                     row[3 * x] = level;
                     row[3 * x + 1] = color ? static_cast<char>(level ^ 0x55) : level;
                     row[3 * x + 2] = level;
                   }
                   out.write(row);
                 }
               });
  }
  return {path, pdf.finish(), pages, pages / 2};
}

// Many small pages: each has a little vector content (a grey or a blue rectangle) and its
// own 64 KiB grey image, about 64 KiB a page (16,000 pages a GiB): qpdf's object table grows
// with the page count, not the data.
inline LargeDocument write_many_pages_pdf(const std::filesystem::path& path,
                                          uint64_t target_bytes) {
  using namespace large_documents_detail;
  constexpr int kSide = 256;
  constexpr uint64_t kImageBytes = kSide * kSide;
  int pages = static_cast<int>(std::max<uint64_t>(1, target_bytes / (kImageBytes + 600)));
  PdfOut pdf(path, 2 + 3 * pages);
  pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  pdf.object(2, "<< /Type /Pages /Count " + std::to_string(pages) + " /Kids [" + kids(pages, 3, 3) +
                    "] >>");
  std::string image(kImageBytes, '\0');
  for (uint64_t i = 0; i < kImageBytes; ++i) image[i] = static_cast<char>((i * 31) & 0xff);
  int color_pages = 0;
  for (int page = 0; page < pages; ++page) {
    int number = 3 + 3 * page;
    pdf.object(number, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " +
                           std::to_string(number + 1) + " 0 R /Resources << /XObject << /Im0 " +
                           std::to_string(number + 2) + " 0 R >> >> >>");
    bool color = page % 10 == 0;
    color_pages += color;
    std::string content = std::string(color ? "0 0 1 rg" : "0.5 g") +
                          " 72 72 200 100 re f q 256 0 0 256 72 300 cm /Im0 Do Q";
    pdf.stream(number + 1, "", content.size(), [&](Output& out) { out.write(content); });
    pdf.stream(number + 2,
               "/Type /XObject /Subtype /Image /Width 256 /Height 256 /ColorSpace /DeviceGray "
               "/BitsPerComponent 8",
               kImageBytes, [&](Output& out) { out.write(image); });
  }
  return {path, pdf.finish(), pages, color_pages};
}

// DSC-conforming PostScript, black only, duplex and 2 copies requested in its setup: each A4
// page paints a 512 x 512 grey image as ASCIIHex lines (about 530 KB a page).
inline LargeDocument write_dsc_postscript(const std::filesystem::path& path,
                                          uint64_t target_bytes) {
  using namespace large_documents_detail;
  constexpr int kSide = 512;
  constexpr int kHexPerLine = 64;
  constexpr uint64_t kPageBytes = uint64_t{kSide} * kSide * 2 * 65 / 64 + 200;
  int pages = static_cast<int>(std::max<uint64_t>(1, target_bytes / kPageBytes));
  Output out(path);
  out.write(
      "%!PS-Adobe-3.0\n%%Creator: printline large_documents.h\n%%Pages: " + std::to_string(pages) +
      "\n%%DocumentMedia: A4 595 842 0 () ()\n%%DocumentProcessColors: Black\n"
      "%%EndComments\n%%BeginSetup\n<< /Duplex true /NumCopies 2 >> setpagedevice\n"
      "%%EndSetup\n");
  std::string line;
  std::vector<std::string> lines;  // a page's worth of hex, written again on every page
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < kSide * kSide * 2 / kHexPerLine; ++i) {
    line.clear();
    for (int j = 0; j < kHexPerLine; ++j) line.push_back(kHex[(i * 7 + j * 3) & 0xf]);
    line.push_back('\n');
    lines.push_back(line);
  }
  std::string block;
  for (const std::string& l : lines) block += l;
  for (int page = 1; page <= pages; ++page) {
    out.write("%%Page: " + std::to_string(page) + " " + std::to_string(page) +
              "\ngsave 595 842 scale\n512 512 8 [512 0 0 -512 0 512] currentfile "
              "/ASCIIHexDecode filter image\n");
    out.write(block);
    out.write(">\ngrestore showpage\n");
  }
  out.write("%%Trailer\n%%EOF\n");
  out.close();
  return {path, out.position(), pages, 0};
}

// PCL-XL as a driver writes it: A4 pages, every fifth in RGB with a red brush, each carrying
// 4 MiB of image data in 1 MiB ReadImage blocks (skipped by the parser, never read).
inline LargeDocument write_pclxl(const std::filesystem::path& path, uint64_t target_bytes) {
  using namespace large_documents_detail;
  constexpr uint32_t kBlock = 1 << 20;
  constexpr int kBlocksPerPage = 4;
  int pages = static_cast<int>(
      std::max<uint64_t>(1, target_bytes / (uint64_t{kBlock} * kBlocksPerPage + 64)));
  Output out(path);
  auto bytes = [&out](std::initializer_list<uint8_t> values) {
    std::string text;
    for (uint8_t v : values) text.push_back(static_cast<char>(v));
    out.write(text);
  };
  out.write(") HP-PCL XL;2;0;Comment printline large_documents.h\n");
  bytes({0xd1, 0x58, 0x02, 0x58, 0x02, 0xf8, 0x89, 0xc0, 0x00, 0xf8, 0x86, 0x41});  // BeginSession
  std::string block(kBlock, '\0');
  for (uint32_t i = 0; i < kBlock; ++i) block[i] = static_cast<char>((i * 13) & 0xff);
  int color_pages = 0;
  for (int page = 0; page < pages; ++page) {
    // Orientation portrait, MediaSize A4, simplex; BeginPage.
    bytes({0xc0, 0x00, 0xf8, 40, 0xc0, 0x02, 0xf8, 37, 0xc0, 0x00, 0xf8, 52, 0x43});
    bool color = page % 5 == 0;
    color_pages += color;
    if (color) {
      bytes({0xc0, 0x02, 0xf8, 3, 0x6a});                           // SetColorSpace RGB
      bytes({0xc8, 0xc0, 0x03, 0xff, 0x00, 0x00, 0xf8, 11, 0x63});  // SetBrushSource red
    } else {
      bytes({0xc0, 0x01, 0xf8, 3, 0x6a});  // SetColorSpace grey
    }
    for (int b = 0; b < kBlocksPerPage; ++b) {
      bytes({0xb1, 0xfa, static_cast<uint8_t>(kBlock & 0xff),
             static_cast<uint8_t>((kBlock >> 8) & 0xff),
             static_cast<uint8_t>((kBlock >> 16) & 0xff),
             static_cast<uint8_t>(kBlock >> 24)});  // ReadImage + its data
      out.write(block);
    }
    bytes({0x44});  // EndPage
  }
  bytes({0x42});  // EndSession
  out.close();
  return {path, out.position(), pages, color_pages};
}

}  // namespace printline::analysis::testing
