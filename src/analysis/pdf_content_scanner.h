#pragma once
// Walks a PDF content stream and decides whether what it paints is grey or colour.
// Internal to the PDF analyser.

#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjGen.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <set>
#include <tuple>

#include "analysis/pdf_color_space.h"

namespace printline::analysis::pdf {

// Shared by every page of one document: caches and the limits that keep analysis fast.
struct ScanContext {
  QPDF* pdf = nullptr;                   // owner of the document, for decoding inline images
  long max_image_pixels = 16'000'000;    // larger images go to Ghostscript
  int max_depth = 16;                    // nested forms, patterns and annotations
  std::map<QPDFObjGen, Verdict> images;  // colour images, by object
  std::map<std::tuple<QPDFObjGen, Verdict, Verdict>, Verdict> forms;  // by entry fill/stroke
  std::set<QPDFObjGen> active_forms;                                  // cycle guard
};

// The colour state that a form or pattern inherits from where it is painted.
struct InheritedColor {
  Verdict fill = Verdict::kGray;
  Verdict stroke = Verdict::kGray;
};

// Scans `contents` (a stream or an array of streams) with `resources`; returns the worst
// verdict of everything it paints. Stops early at the first colour. May throw qpdf's
// exceptions for damaged content; the caller turns them into an Error.
Verdict scan_content(QPDFObjectHandle contents, QPDFObjectHandle resources, ScanContext& context,
                     InheritedColor inherited = {}, int depth = 0);

// The verdict of a form XObject (or an annotation appearance) painted with `inherited`.
Verdict scan_form(QPDFObjectHandle form, QPDFObjectHandle parent_resources, ScanContext& context,
                  InheritedColor inherited, int depth);

}  // namespace printline::analysis::pdf
