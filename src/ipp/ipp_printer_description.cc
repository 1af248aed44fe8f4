#include "ipp/ipp_printer_description.h"

#include <strings.h>

#include <array>
#include <cstring>
#include <iterator>

#include "ipp/ipp_printer.h"

namespace printline::ipp {
namespace {

constexpr std::array<const char*, 6> kFormats = {
    "application/octet-stream", "application/pdf",          "application/postscript",
    "application/vnd.hp-pcl",   "application/vnd.hp-pclxl", "text/plain"};

}  // namespace

ipp_pstate_t printer_state_of(const PrinterState& state) {
  if (state.stopped) return IPP_PSTATE_STOPPED;
  return state.printing ? IPP_PSTATE_PROCESSING : IPP_PSTATE_IDLE;
}

const char* printer_state_reason_of(const PrinterState& state) {
  return state.stopped ? "paused" : "none";
}

bool attribute_wanted(cups_array_t* requested, const char* name) {
  return !requested || cupsArrayFind(requested, const_cast<char*>(name));
}

bool is_supported_document_format(std::string_view mime_type) {
  for (const char* format : kFormats) {
    if (mime_type.size() == std::strlen(format) &&
        strncasecmp(format, mime_type.data(), mime_type.size()) == 0) {
      return true;
    }
  }
  return false;
}

namespace {

// Adds a printer attribute when the request asked for it.
struct PrinterAttributes {
  ipp_t* response;
  cups_array_t* requested;

  bool wanted(const char* name) const { return attribute_wanted(requested, name); }
  void keyword(const char* name, const char* value) const {
    if (wanted(name))
      ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_KEYWORD, name, nullptr, value);
  }
  void integer(const char* name, int value) const {
    if (wanted(name)) ippAddInteger(response, IPP_TAG_PRINTER, IPP_TAG_INTEGER, name, value);
  }
  void text(const char* name, const std::string& value) const {
    if (wanted(name)) {
      ippAddString(response, IPP_TAG_PRINTER, IPP_TAG_TEXT, name, nullptr, value.c_str());
    }
  }
};

// printer-state … ipp-versions-supported: the attributes that do not depend on which printer.
void add_common_printer_attributes(ipp_t* response, cups_array_t* requested,
                                   const PrinterState& state) {
  constexpr ipp_tag_t kGroup = IPP_TAG_PRINTER;
  const PrinterAttributes add{response, requested};
  if (add.wanted("printer-state")) {
    ippAddInteger(response, kGroup, IPP_TAG_ENUM, "printer-state", printer_state_of(state));
  }
  add.keyword("printer-state-reasons", printer_state_reason_of(state));
  if (add.wanted("printer-is-accepting-jobs")) {
    ippAddBoolean(response, kGroup, "printer-is-accepting-jobs", state.accepting ? 1 : 0);
  }
  if (add.wanted("operations-supported")) {
    const auto& ops = IppPrinter::operations();
    ippAddIntegers(response, kGroup, IPP_TAG_ENUM, "operations-supported",
                   static_cast<int>(ops.size()), ops.data());
  }
  if (add.wanted("document-format-supported")) {
    ippAddStrings(response, kGroup, IPP_TAG_MIMETYPE, "document-format-supported",
                  static_cast<int>(kFormats.size()), nullptr, kFormats.data());
  }
  if (add.wanted("document-format-default")) {
    ippAddString(response, kGroup, IPP_TAG_MIMETYPE, "document-format-default", nullptr,
                 "application/octet-stream");
  }
  if (add.wanted("charset-configured")) {
    ippAddString(response, kGroup, IPP_TAG_CHARSET, "charset-configured", nullptr, "utf-8");
  }
  if (add.wanted("charset-supported")) {
    const char* charsets[] = {"us-ascii", "utf-8"};
    ippAddStrings(response, kGroup, IPP_TAG_CHARSET, "charset-supported", 2, nullptr, charsets);
  }
  if (add.wanted("natural-language-configured")) {
    ippAddString(response, kGroup, IPP_TAG_LANGUAGE, "natural-language-configured", nullptr, "en");
  }
  if (add.wanted("generated-natural-language-supported")) {
    // D14: status messages come in the user's language (their account's, else the request's
    // attributes-natural-language).
    static const char* const languages[] = {"en", "fr"};
    ippAddStrings(response, kGroup, IPP_TAG_LANGUAGE, "generated-natural-language-supported", 2,
                  nullptr, languages);
  }
  add.keyword("pdl-override-supported", "not-attempted");
  add.integer("printer-up-time", state.up_time);
  add.integer("queued-job-count", state.queued_jobs);
  add.keyword("compression-supported", "none");
  if (add.wanted("ipp-versions-supported")) {
    const char* versions[] = {"1.0", "1.1", "2.0", "2.1"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "ipp-versions-supported", 4, nullptr,
                  versions);
  }
}

}  // namespace

void add_printer_description(ipp_t* response, const PrinterDescription& printer,
                             cups_array_t* requested) {
  constexpr ipp_tag_t kGroup = IPP_TAG_PRINTER;
  const PrinterAttributes add{response, requested};
  if (add.wanted("printer-uri-supported")) {
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uri-supported", nullptr,
                 printer.uri.c_str());
  }
  add.keyword("uri-security-supported", printer.tls ? "tls" : "none");
  add.keyword("uri-authentication-supported", printer.authentication);
  if (add.wanted("printer-name")) {
    ippAddString(response, kGroup, IPP_TAG_NAME, "printer-name", nullptr, printer.name.c_str());
  }
  add.text("printer-info", printer.info);
  add.text("printer-location", printer.location);
  add.text("printer-make-and-model", printer.make_and_model);
  add_common_printer_attributes(response, requested, printer.state);
  if (add.wanted("multiple-document-jobs-supported")) {
    ippAddBoolean(response, kGroup, "multiple-document-jobs-supported", 0);
  }
  add.integer("multiple-operation-time-out", kMultipleOperationTimeOut);
  if (add.wanted("job-ids-supported")) ippAddBoolean(response, kGroup, "job-ids-supported", 1);
  if (add.wanted("which-jobs-supported")) {
    const char* which[] = {"completed", "not-completed", "all"};
    ippAddStrings(response, kGroup, IPP_TAG_KEYWORD, "which-jobs-supported", 3, nullptr, which);
  }
  if (add.wanted("printer-uuid")) {
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-uuid", nullptr, printer.uuid.c_str());
  }
  if (add.wanted("printer-more-info")) {
    const std::string& more = printer.more_info.empty() ? printer.uri : printer.more_info;
    ippAddString(response, kGroup, IPP_TAG_URI, "printer-more-info", nullptr, more.c_str());
  }
  // A print server's nominal speed: it is the printers behind that print.
  add.integer("pages-per-minute", 1);
  if (printer.job_template.color) add.integer("pages-per-minute-color", 1);
  add.integer("printer-state-change-time", printer.state.changed_at);
  add_job_template_support(response, printer.job_template, requested);
}

}  // namespace printline::ipp
