#pragma once
// What every Printline IPP printer — a server queue or the desktop client's local printer —
// says about itself the same way (RFC 8011 §5.4): the document formats it takes, the
// operations, charsets, languages and versions it speaks, and its state. Each printer adds its
// own name, URI, location and colour.

#include <cups/ipp.h>

#include <string_view>

namespace printline::ipp {

// requested: from ippCreateRequestedArray; null means every attribute.
bool attribute_wanted(cups_array_t* requested, const char* name);

// application/octet-stream (auto), PDF, PostScript, PCL 5, PCL-XL, plain text.
bool is_supported_document_format(std::string_view mime_type);

struct PrinterState {
  bool printing = false;
  int up_time = 1;  // seconds since the printer started
  int queued_jobs = 0;
};

// printer-state … ipp-versions-supported: the attributes that do not depend on which printer.
void add_common_printer_attributes(ipp_t* response, cups_array_t* requested,
                                   const PrinterState& state);

}  // namespace printline::ipp
