#include "ipp/ipp_job_template.h"

#include <cups/pwg.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <iterator>
#include <string_view>

#include "core/i18n.h"
#include "ipp/ipp_printer_description.h"
#include "transport/ipp_job_ticket.h"

namespace printline::ipp {
namespace {

constexpr ipp_tag_t kPrinter = IPP_TAG_PRINTER;

constexpr std::array<const char*, 6> kMediaTypes = {
    "stationery", "cardstock", "envelope", "labels", "photographic", "transparency"};
constexpr std::array<const char*, 8> kMediaSources = {
    "auto", "main", "manual", "bypass-tray", "tray-1", "tray-2", "tray-3", "tray-4"};
constexpr std::array<int, 4> kOrientations = {IPP_ORIENT_PORTRAIT, IPP_ORIENT_LANDSCAPE,
                                              IPP_ORIENT_REVERSE_LANDSCAPE,
                                              IPP_ORIENT_REVERSE_PORTRAIT};
constexpr std::array<int, 3> kQualities = {IPP_QUALITY_DRAFT, IPP_QUALITY_NORMAL,
                                           IPP_QUALITY_HIGH};
constexpr std::array<int, 6> kNumberUp = {1, 2, 4, 6, 9, 16};
constexpr std::array<const char*, 3> kDocumentHandling = {
    "separate-documents-collated-copies", "separate-documents-uncollated-copies",
    "single-document"};
constexpr int kResolutionDpi = 600;  // what Printline renders at (src/render)


std::vector<std::string> media_of(const JobTemplateSupport& support) {
  return support.media.empty() ? every_media_size() : support.media;
}

std::vector<const char*> sides_of(const JobTemplateSupport& support) {
  if (!support.duplex) return {"one-sided"};
  return {"one-sided", "two-sided-long-edge", "two-sided-short-edge"};
}

std::vector<const char*> color_modes_of(const JobTemplateSupport& support) {
  if (!support.color) return {"auto", "monochrome"};
  return {"auto", "monochrome", "color"};
}

// A media-col collection: the size (dimensions, as every client reads them), type and source.
ipp_t* media_col(const std::string& size_name, const char* type, const char* source) {
  ipp_t* col = ippNew();
  if (const pwg_media_t* media = pwgMediaForPWG(size_name.c_str())) {
    ipp_t* size = ippNew();
    ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", media->width);
    ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", media->length);
    ippAddCollection(col, IPP_TAG_ZERO, "media-size", size);
    ippDelete(size);
  }
  ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-size-name", nullptr, size_name.c_str());
  if (type) ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-type", nullptr, type);
  if (source) ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-source", nullptr, source);
  return col;
}

struct Adder {
  ipp_t* response;
  cups_array_t* requested;
  bool wanted(const char* name) const { return attribute_wanted(requested, name); }
  void keyword(const char* name, const char* value) const {
    if (wanted(name)) ippAddString(response, kPrinter, IPP_TAG_KEYWORD, name, nullptr, value);
  }
  void keywords(const char* name, const std::vector<const char*>& values) const {
    if (wanted(name)) {
      ippAddStrings(response, kPrinter, IPP_TAG_KEYWORD, name, static_cast<int>(values.size()),
                    nullptr, values.data());
    }
  }
  void enums(const char* name, const int* values, std::size_t count) const {
    if (wanted(name))
      ippAddIntegers(response, kPrinter, IPP_TAG_ENUM, name, static_cast<int>(count), values);
  }
  void enum_value(const char* name, int value) const {
    if (wanted(name)) ippAddInteger(response, kPrinter, IPP_TAG_ENUM, name, value);
  }
  void integer(const char* name, int value) const {
    if (wanted(name)) ippAddInteger(response, kPrinter, IPP_TAG_INTEGER, name, value);
  }
};

// The checks: each job template attribute Printline knows, and whether a value is supported.
using Supported = std::function<bool(ipp_attribute_t*)>;

bool one(ipp_attribute_t* attr, std::initializer_list<ipp_tag_t> tags) {
  return ippGetCount(attr) == 1 &&
         std::find(tags.begin(), tags.end(), ippGetValueTag(attr)) != tags.end();
}

bool string_in(ipp_attribute_t* attr, const std::vector<const char*>& values) {
  const char* value = ippGetString(attr, 0, nullptr);
  return value && std::any_of(values.begin(), values.end(),
                              [&](const char* v) { return std::strcmp(v, value) == 0; });
}

template <typename Array>
bool string_in(ipp_attribute_t* attr, const Array& values) {
  return string_in(attr, std::vector<const char*>(values.begin(), values.end()));
}

bool media_supported(const std::string& name, const JobTemplateSupport& support) {
  const auto media = media_of(support);
  const std::string pwg = transport::pwg_size_name(name);
  return !pwg.empty() && std::find(media.begin(), media.end(), pwg) != media.end();
}

bool media_col_supported(ipp_attribute_t* attr, const JobTemplateSupport& support) {
  if (!one(attr, {IPP_TAG_BEGIN_COLLECTION})) return false;
  ipp_t* col = ippGetCollection(attr, 0);
  if (ipp_attribute_t* name = ippFindAttribute(col, "media-size-name", IPP_TAG_ZERO)) {
    if (!one(name, {IPP_TAG_KEYWORD, IPP_TAG_NAME}) ||
        !media_supported(ippGetString(name, 0, nullptr), support))
      return false;
  } else if (ipp_attribute_t* size = ippFindAttribute(col, "media-size", IPP_TAG_ZERO)) {
    if (!one(size, {IPP_TAG_BEGIN_COLLECTION})) return false;
    ipp_t* dims = ippGetCollection(size, 0);
    ipp_attribute_t* x = ippFindAttribute(dims, "x-dimension", IPP_TAG_INTEGER);
    ipp_attribute_t* y = ippFindAttribute(dims, "y-dimension", IPP_TAG_INTEGER);
    if (!x || !y) return false;
    const int width = ippGetInteger(x, 0);
    const int length = ippGetInteger(y, 0);
    if (width <= 0 || length <= 0 || width > 10'000'000 || length > 10'000'000) return false;
    const pwg_media_t* known = pwgMediaForSize(width, length);
    if (!known || !media_supported(known->pwg, support)) return false;
  }
  if (ipp_attribute_t* type = ippFindAttribute(col, "media-type", IPP_TAG_ZERO)) {
    if (!one(type, {IPP_TAG_KEYWORD, IPP_TAG_NAME}) || !string_in(type, kMediaTypes)) return false;
  }
  if (ipp_attribute_t* source = ippFindAttribute(col, "media-source", IPP_TAG_ZERO)) {
    if (!one(source, {IPP_TAG_KEYWORD, IPP_TAG_NAME}) || !string_in(source, kMediaSources))
      return false;
  }
  return true;  // other members (margins, colour, weight) are left to the printer
}

bool page_ranges_supported(ipp_attribute_t* attr) {
  if (ippGetValueTag(attr) != IPP_TAG_RANGE || ippGetCount(attr) < 1 ||
      ippGetCount(attr) > static_cast<int>(model::kMaxPageRanges))
    return false;
  int previous = 0;
  for (int i = 0; i < ippGetCount(attr); ++i) {
    int upper = 0;
    const int lower = ippGetRange(attr, i, &upper);
    if (lower < 1 || upper < lower || lower <= previous) return false;
    previous = upper;
  }
  return true;
}

// "indefinite" only where jobs can be held; the time-of-day values are not offered.
std::vector<const char*> hold_until_of(const JobTemplateSupport& support) {
  if (support.holds) return {"no-hold", "indefinite"};
  return {"no-hold"};
}

struct Check {
  const char* name;
  Supported supported;
};

std::vector<Check> checks(const JobTemplateSupport& support) {
  const auto integer_in = [](int low, int high) {
    return [low, high](ipp_attribute_t* a) {
      return one(a, {IPP_TAG_INTEGER}) && ippGetInteger(a, 0) >= low && ippGetInteger(a, 0) <= high;
    };
  };
  const auto enum_in = [](auto values) {
    return [values](ipp_attribute_t* a) {
      return one(a, {IPP_TAG_ENUM}) &&
             std::find(values.begin(), values.end(), ippGetInteger(a, 0)) != values.end();
    };
  };
  const auto keyword_in = [](std::vector<const char*> values, bool names_too) {
    return [values, names_too](ipp_attribute_t* a) {
      return (names_too ? one(a, {IPP_TAG_KEYWORD, IPP_TAG_NAME}) : one(a, {IPP_TAG_KEYWORD})) &&
             string_in(a, values);
    };
  };
  return {
      {"copies", integer_in(1, kMaxCopies)},
      {"multiple-document-handling",
       keyword_in({kDocumentHandling.begin(), kDocumentHandling.end()}, false)},
      {"sides", keyword_in(sides_of(support), false)},
      {"print-color-mode", keyword_in(color_modes_of(support), false)},
      {"media",
       [support](ipp_attribute_t* a) {
         return one(a, {IPP_TAG_KEYWORD, IPP_TAG_NAME}) &&
                media_supported(ippGetString(a, 0, nullptr), support);
       }},
      {"media-col", [support](ipp_attribute_t* a) { return media_col_supported(a, support); }},
      {"orientation-requested", enum_in(kOrientations)},
      {"page-ranges", page_ranges_supported},
      {"number-up", [](ipp_attribute_t* a) {
         return one(a, {IPP_TAG_INTEGER}) &&
                std::find(kNumberUp.begin(), kNumberUp.end(), ippGetInteger(a, 0)) !=
                    kNumberUp.end();
       }},
      {"print-quality", enum_in(kQualities)},
      // Printline finishes nothing itself: only "none" is honoured everywhere.
      {"finishings",
       [](ipp_attribute_t* a) {
         if (ippGetValueTag(a) != IPP_TAG_ENUM) return false;
         for (int i = 0; i < ippGetCount(a); ++i)
           if (ippGetInteger(a, i) != IPP_FINISHINGS_NONE) return false;
         return true;
       }},
      {"output-bin", keyword_in({"auto"}, true)},
      {"printer-resolution",
       [](ipp_attribute_t* a) {
         if (!one(a, {IPP_TAG_RESOLUTION})) return false;
         ipp_res_t units{};
         int y = 0;
         const int x = ippGetResolution(a, 0, &y, &units);
         return units == IPP_RES_PER_INCH && x == kResolutionDpi && y == kResolutionDpi;
       }},
      {"job-hold-until", keyword_in(hold_until_of(support), true)},
      {"job-priority", integer_in(1, 100)},
      {"job-sheets", keyword_in({"none"}, true)},
  };
}

}  // namespace

std::vector<std::string> every_media_size() {
  std::vector<std::string> names;
  for (auto paper : {model::PaperSize::kA5, model::PaperSize::kA4, model::PaperSize::kA3,
                     model::PaperSize::kA2, model::PaperSize::kA1, model::PaperSize::kA0,
                     model::PaperSize::kLetter, model::PaperSize::kLegal,
                     model::PaperSize::kTabloid})
    names.emplace_back(model::media_keyword(paper));
  return names;
}

void add_job_template_support(ipp_t* response, const JobTemplateSupport& support,
                              cups_array_t* requested) {
  const Adder add{response, requested};
  const auto media = media_of(support);
  std::vector<const char*> media_names;
  for (const auto& name : media) media_names.push_back(name.c_str());

  add.integer("copies-default", 1);
  if (add.wanted("copies-supported")) ippAddRange(response, kPrinter, "copies-supported", 1, kMaxCopies);
  add.keyword("multiple-document-handling-default", "separate-documents-collated-copies");
  add.keywords("multiple-document-handling-supported",
               {kDocumentHandling.begin(), kDocumentHandling.end()});
  add.keyword("sides-default", "one-sided");
  add.keywords("sides-supported", sides_of(support));
  add.keyword("print-color-mode-default", "auto");
  add.keywords("print-color-mode-supported", color_modes_of(support));
  if (add.wanted("color-supported"))
    ippAddBoolean(response, kPrinter, "color-supported", support.color ? 1 : 0);

  add.keyword("media-default", support.media_default.c_str());
  add.keywords("media-supported", media_names);
  add.keywords("media-ready", {support.media_default.c_str()});
  add.keywords("media-col-supported", {"media-size", "media-size-name", "media-source",
                                       "media-type"});
  if (add.wanted("media-col-default")) {
    ipp_t* col = media_col(support.media_default, "stationery", "auto");
    ippAddCollection(response, kPrinter, "media-col-default", col);
    ippDelete(col);
  }
  if (add.wanted("media-col-ready")) {
    ipp_t* col = media_col(support.media_default, "stationery", "auto");
    ippAddCollection(response, kPrinter, "media-col-ready", col);
    ippDelete(col);
  }
  if (add.wanted("media-size-supported")) {
    std::vector<ipp_t*> sizes;
    for (const auto& name : media) {
      if (const pwg_media_t* known = pwgMediaForPWG(name.c_str())) {
        ipp_t* size = ippNew();
        ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", known->width);
        ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", known->length);
        sizes.push_back(size);
      }
    }
    if (!sizes.empty()) {
      ippAddCollections(response, kPrinter, "media-size-supported",
                        static_cast<int>(sizes.size()), const_cast<const ipp_t**>(sizes.data()));
    }
    for (ipp_t* size : sizes) ippDelete(size);
  }
  add.keywords("media-type-supported", {kMediaTypes.begin(), kMediaTypes.end()});
  add.keywords("media-source-supported", {kMediaSources.begin(), kMediaSources.end()});

  add.enum_value("orientation-requested-default", IPP_ORIENT_PORTRAIT);
  add.enums("orientation-requested-supported", kOrientations.data(), kOrientations.size());
  if (add.wanted("page-ranges-supported"))
    ippAddBoolean(response, kPrinter, "page-ranges-supported", 1);
  add.integer("number-up-default", 1);
  if (add.wanted("number-up-supported")) {
    ippAddIntegers(response, kPrinter, IPP_TAG_INTEGER, "number-up-supported",
                   static_cast<int>(kNumberUp.size()), kNumberUp.data());
  }
  add.enum_value("print-quality-default", IPP_QUALITY_NORMAL);
  add.enums("print-quality-supported", kQualities.data(), kQualities.size());
  add.enum_value("finishings-default", IPP_FINISHINGS_NONE);
  add.enum_value("finishings-supported", IPP_FINISHINGS_NONE);
  add.keyword("output-bin-default", "auto");
  add.keywords("output-bin-supported", {"auto"});
  if (add.wanted("printer-resolution-default")) {
    ippAddResolution(response, kPrinter, "printer-resolution-default", IPP_RES_PER_INCH,
                     kResolutionDpi, kResolutionDpi);
  }
  if (add.wanted("printer-resolution-supported")) {
    ippAddResolution(response, kPrinter, "printer-resolution-supported", IPP_RES_PER_INCH,
                     kResolutionDpi, kResolutionDpi);
  }
  add.keyword("job-hold-until-default", "no-hold");
  add.keywords("job-hold-until-supported", hold_until_of(support));
  add.integer("job-priority-default", 50);
  add.integer("job-priority-supported", 1);  // one priority level: jobs print in order
  add.keyword("job-sheets-default", "none");
  add.keywords("job-sheets-supported", {"none"});
  add.keywords("job-creation-attributes-supported",
               {"copies", "finishings", "job-hold-until", "job-priority", "job-sheets", "media",
                "media-col", "multiple-document-handling", "number-up", "orientation-requested",
                "output-bin", "page-ranges", "print-color-mode", "print-quality",
                "printer-resolution", "sides"});
  // Set-Job-Attributes holds and releases a job where the printer holds jobs; nothing else of
  // a job or the printer is settable (Set-Printer-Attributes answers so).
  add.keywords("job-settable-attributes-supported",
               {support.holds ? "job-hold-until" : "none"});
  add.keywords("printer-settable-attributes-supported", {"none"});
}

std::optional<model::JobTicket> read_job_ticket(IppCall& call, const JobTemplateSupport& support) {
  ipp_attribute_t* fidelity_attr =
      ippFindAttribute(call.request, "ipp-attribute-fidelity", IPP_TAG_BOOLEAN);
  const bool fidelity = fidelity_attr && ippGetBoolean(fidelity_attr, 0);
  std::vector<std::string> refused;
  for (const auto& check : checks(support)) {
    ipp_attribute_t* attr = ippFindAttribute(call.request, check.name, IPP_TAG_ZERO);
    if (!attr || check.supported(attr)) continue;
    call.mark_unsupported(attr);
    refused.emplace_back(check.name);
    // Without fidelity the printer's default takes its place (RFC 8011 §4.1.7).
    if (!fidelity) ippDeleteAttribute(call.request, attr);
  }
  if (!refused.empty() && fidelity) {
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES,
                trf("This printer cannot print with {attributes} as asked; see "
                    "Get-Printer-Attributes for the supported values, or print without "
                    "ipp-attribute-fidelity to accept the defaults instead.",
                    fmt::arg("attributes", fmt::format("{}", fmt::join(refused, ", ")))));
    return std::nullopt;
  }
  if (!refused.empty()) {
    call.substituted = true;
    call.substitution_note = trf(
        "This printer cannot print with {attributes} as asked: the printer's default is used "
        "instead (send ipp-attribute-fidelity to be refused instead).",
        fmt::arg("attributes", fmt::format("{}", fmt::join(refused, ", "))));
  }
  auto ticket = transport::ticket_from_ipp(call.request);
  if (!ticket.ok()) {
    call.status(IPP_STATUS_ERROR_ATTRIBUTES_OR_VALUES, ticket.error().message);
    return std::nullopt;
  }
  return *ticket;
}

}  // namespace printline::ipp
