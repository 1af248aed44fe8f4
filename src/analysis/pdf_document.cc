#include "analysis/pdf_document.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <set>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "analysis/pdf_content_scanner.h"
#include "analysis/pdf_input_source.h"

namespace printline::analysis::pdf {
namespace {

constexpr std::string_view kReprint = "; print it again from the application";
constexpr size_t kPagesPerPass = 1000;

Error damaged(const std::string& what) {
  return Error{"The PDF is damaged: " + what + std::string(kReprint) + "."};
}

// A PDF ends with %%EOF; without it the file was cut short (interrupted download or spool).
bool has_end_marker(const ByteSource& source) {
  char tail[1024];
  uint64_t start = source.size() > sizeof tail ? source.size() - sizeof tail : 0;
  size_t got = source.read_at(start, tail, sizeof tail);
  return std::string_view(tail, got).find("%%EOF") != std::string_view::npos;
}

QPDFObjectHandle::Rectangle normalized(QPDFObjectHandle::Rectangle box) {
  if (box.llx > box.urx) std::swap(box.llx, box.urx);
  if (box.lly > box.ury) std::swap(box.lly, box.ury);
  return box;
}

PdfPage page_geometry(QPDFPageObjectHelper& page) {
  QPDFObjectHandle media_object = page.getMediaBox();
  QPDFObjectHandle crop_object = page.getCropBox(false, true);
  // A missing or malformed MediaBox means US Letter, as in Acrobat and Ghostscript.
  QPDFObjectHandle::Rectangle media(0, 0, 612, 792);
  if (media_object.isRectangle()) media = normalized(media_object.getArrayAsRectangle());
  QPDFObjectHandle::Rectangle box = media;
  if (crop_object.isRectangle()) {
    auto crop = normalized(crop_object.getArrayAsRectangle());
    box.llx = std::max(media.llx, crop.llx);
    box.lly = std::max(media.lly, crop.lly);
    box.urx = std::min(media.urx, crop.urx);
    box.ury = std::min(media.ury, crop.ury);
    if (box.urx <= box.llx || box.ury <= box.lly) box = media;
  }
  double unit = 1;
  QPDFObjectHandle user_unit = page.getObjectHandle().getKey("/UserUnit");
  if (user_unit.isNumber() && user_unit.getNumericValue() > 0) unit = user_unit.getNumericValue();
  PdfPage info;
  info.width_pt = (box.urx - box.llx) * unit;
  info.height_pt = (box.ury - box.lly) * unit;
  QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
  if (rotate.isInteger()) {
    long long quarter_turns = ((rotate.getIntValue() / 90) % 4 + 4) % 4;
    if (quarter_turns % 2 == 1) std::swap(info.width_pt, info.height_pt);
  }
  return info;
}

// Annotations a printer renders: visible, with the Print flag, through their normal appearance.
Verdict annotations_verdict(QPDFPageObjectHelper& page, QPDFObjectHandle resources,
                            ScanContext& context) {
  QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
  if (!annots.isArray()) return Verdict::kGray;
  Verdict verdict = Verdict::kGray;
  for (auto& annot : annots.aitems()) {
    if (!annot.isDictionary()) continue;
    QPDFObjectHandle flags = annot.getKey("/F");
    int f = flags.isInteger() ? flags.getIntValueAsInt() : 0;
    if ((f & 2) || !(f & 4)) continue;  // Hidden, or not Print
    QPDFObjectHandle appearance = annot.getKey("/AP");
    if (!appearance.isDictionary()) continue;
    QPDFObjectHandle normal = appearance.getKey("/N");
    if (normal.isDictionary()) {
      QPDFObjectHandle state = annot.getKey("/AS");
      normal = state.isName() ? normal.getKey(state.getName()) : QPDFObjectHandle::newNull();
    }
    if (!normal.isStream()) continue;
    verdict = worst(verdict, scan_form(normal, resources, context, {}, 1));
    if (verdict == Verdict::kColor) break;
  }
  return verdict;
}

void read_viewer_preferences(QPDF& pdf, PdfDocument& analysis) {
  QPDFObjectHandle preferences = pdf.getRoot().getKey("/ViewerPreferences");
  if (!preferences.isDictionary()) return;
  QPDFObjectHandle duplex = preferences.getKey("/Duplex");
  if (duplex.isName()) {
    if (duplex.getName() == "/Simplex") analysis.duplex = false;
    if (duplex.getName() == "/DuplexFlipShortEdge" || duplex.getName() == "/DuplexFlipLongEdge") {
      analysis.duplex = true;
    }
  }
  QPDFObjectHandle copies = preferences.getKey("/NumCopies");
  if (copies.isInteger() && copies.getIntValue() >= 1 && copies.getIntValue() <= 9999) {
    analysis.copies = copies.getIntValueAsInt();
  }
}

// The pages in document order, as qpdf 11's getAllPages finds them (the root is the topmost
// /Parent of the catalog's /Pages; a kid with /Kids is a /Pages node, any other kid a page;
// a /Pages node seen twice is a loop), but without holding them all. qpdf keeps every object
// it has parsed until its QPDF object goes, so a 16,000-page PDF would hold every page's
// content and image dictionaries at once (156 MiB for 1 GiB). The walk opens a fresh QPDF
// over the same file every kPagesPerPass pages and finds its place again by the kid indexes
// from the root: memory is the cross-reference table and one pass's objects. ScanContext's
// caches are keyed by object number, which does not change between passes.
class PageTreeWalk {
 public:
  PageTreeWalk(const ByteSource& source, const std::string& description)
      : source_(source), description_(description) {
    open();
  }

  QPDF& pdf() { return *pdf_; }

  // The next page, valid until the next call; nullopt after the last.
  std::optional<QPDFPageObjectHelper> next_page() {
    if (pages_in_pass_ == kPagesPerPass) open();
    while (!path_.empty()) {
      QPDFObjectHandle kids = nodes_.back().getKey("/Kids");
      int count = kids.isArray() ? kids.getArrayNItems() : 0;
      if (path_.back() >= count) {
        path_.pop_back();
        nodes_.pop_back();
        continue;
      }
      QPDFObjectHandle kid = kids.getArrayItem(path_.back()++);
      if (kid.hasKey("/Kids")) {
        if (!visited_.insert(kid.getObjGen()).second) {
          throw std::runtime_error("loop detected in the /Pages structure");
        }
        nodes_.push_back(kid);
        path_.push_back(0);
        continue;
      }
      ++pages_in_pass_;
      return QPDFPageObjectHelper(kid);
    }
    return std::nullopt;
  }

 private:
  void open() {
    nodes_.clear();
    pdf_.reset();
    pdf_ = std::make_unique<QPDF>();
    pdf_->setSuppressWarnings(true);
    pdf_->processInputSource(std::make_shared<PdfInputSource>(source_, description_));
    pages_in_pass_ = 0;
    QPDFObjectHandle root = pdf_->getRoot().getKey("/Pages");
    // As getAllPages: a catalog whose /Pages points into the tree (found in the wild) means
    // the topmost /Parent.
    std::set<QPDFObjGen> climbed;
    while (root.isDictionary() && root.hasKey("/Parent") &&
           climbed.insert(root.getObjGen()).second) {
      root = root.getKey("/Parent");
    }
    if (path_.empty() && !started_) {
      started_ = true;
      if (!root.hasKey("/Kids")) return;  // no page tree: no pages
      visited_.insert(root.getObjGen());
      path_.push_back(0);
    }
    if (path_.empty()) return;
    nodes_.push_back(root);
    for (size_t level = 0; level + 1 < path_.size(); ++level) {  // back to where we were
      nodes_.push_back(nodes_[level].getKey("/Kids").getArrayItem(path_[level] - 1));
    }
  }

  const ByteSource& source_;
  std::string description_;
  std::unique_ptr<QPDF> pdf_;
  std::vector<QPDFObjectHandle> nodes_;  // the /Pages nodes from the root down
  std::vector<int> path_;                // per node: the index of its next kid to visit
  std::set<QPDFObjGen> visited_;         // /Pages nodes entered (loop guard)
  size_t pages_in_pass_ = 0;
  bool started_ = false;
};

}  // namespace

Result<PdfDocument> read_pdf_document(const ByteSource& source, const std::string& description) {
  bool complete = false;
  try {
    complete = has_end_marker(source);
  } catch (const std::exception& e) {
    return Error{"Cannot read the PDF (" + std::string(e.what()) + ")" + std::string(kReprint) +
                 "."};
  }
  if (!complete) {
    return Error{
        "The PDF is incomplete: it ends without the %%EOF marker (the file was cut "
        "short)" +
        std::string(kReprint) + "."};
  }
  PdfDocument document;
  try {
    ScanContext context;
    PageTreeWalk walk(source, description);
    read_viewer_preferences(walk.pdf(), document);
    while (auto page = walk.next_page()) {
      context.pdf = &walk.pdf();
      document.pages.push_back(page_geometry(*page));
      QPDFObjectHandle resources = page->getAttribute("/Resources", false);
      QPDFObjectHandle contents = page->getObjectHandle().getKey("/Contents");
      Verdict verdict = Verdict::kGray;
      if (contents.isStream() || contents.isArray()) {
        verdict = scan_content(contents, resources, context);
      }
      if (verdict != Verdict::kColor) {
        verdict = worst(verdict, annotations_verdict(*page, resources, context));
      }
      document.pages.back().color = verdict == Verdict::kGray    ? PageColor::kGray
                                    : verdict == Verdict::kColor ? PageColor::kColor
                                                                 : PageColor::kUndecided;
    }
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      return Error{
          "The PDF is password-protected; print it from an application that can open "
          "it, or remove the password first."};
    }
    return damaged(e.getMessageDetail());
  } catch (const std::exception& e) {
    return damaged(e.what());
  }
  if (document.pages.empty()) {
    return Error{"The PDF has no pages" + std::string(kReprint) + "."};
  }
  return document;
}

}  // namespace printline::analysis::pdf
