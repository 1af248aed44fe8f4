#include "transport/ipp_job_ticket.h"

#include <cups/pwg.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <string>
#include <vector>

namespace printline::transport {
namespace {

constexpr ipp_tag_t kJob = IPP_TAG_JOB;


void add_media(ipp_t* request, const model::Media& media) {
  if (media.type.empty() && media.source.empty()) {
    ippAddString(request, kJob, IPP_TAG_KEYWORD, "media", nullptr, media.size.c_str());
    return;
  }
  ipp_t* col = ippNew();
  if (!media.size.empty()) {
    // The dimensions are what every IPP printer understands; a name libcups does not know
    // goes as media-size-name (PWG 5100.7).
    if (const pwg_media_t* known = pwgMediaForPWG(media.size.c_str())) {
      ipp_t* size = ippNew();
      ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "x-dimension", known->width);
      ippAddInteger(size, IPP_TAG_ZERO, IPP_TAG_INTEGER, "y-dimension", known->length);
      ippAddCollection(col, IPP_TAG_ZERO, "media-size", size);
      ippDelete(size);
    } else {
      ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-size-name", nullptr,
                   media.size.c_str());
    }
  }
  if (!media.type.empty())
    ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-type", nullptr, media.type.c_str());
  if (!media.source.empty()) {
    ippAddString(col, IPP_TAG_ZERO, IPP_TAG_KEYWORD, "media-source", nullptr,
                 media.source.c_str());
  }
  ippAddCollection(request, kJob, "media-col", col);
  ippDelete(col);
}

// Reading: each attribute is checked for its syntax and count before its value is used.
struct TicketReader {
  ipp_t* request;

  Error wrong(const char* name, std::string_view what) const {
    return Error{fmt::format("The job attribute {} is not valid: {}.", name, what)};
  }

  // The attribute when present; an error when it has another syntax or more than `max_count`
  // values. `tags` lists the syntaxes accepted.
  Result<ipp_attribute_t*> find(ipp_t* in, const char* name, std::initializer_list<ipp_tag_t> tags,
                                std::string_view syntax, int max_count = 1) const {
    ipp_attribute_t* attr = ippFindAttribute(in, name, IPP_TAG_ZERO);
    if (!attr) return static_cast<ipp_attribute_t*>(nullptr);
    const ipp_tag_t tag = ippGetValueTag(attr);
    if (std::find(tags.begin(), tags.end(), tag) == tags.end())
      return wrong(name, fmt::format("it must be {}, not {}", syntax, ippTagString(tag)));
    if (ippGetCount(attr) < 1 || ippGetCount(attr) > max_count) {
      return wrong(name, max_count == 1 ? std::string("it takes one value")
                                        : fmt::format("it takes at most {} values", max_count));
    }
    return attr;
  }

  Result<std::string> keyword(ipp_t* in, const char* name, std::string_view syntax = "a keyword",
                              bool names_too = false) const {
    auto attr = names_too ? find(in, name, {IPP_TAG_KEYWORD, IPP_TAG_NAME}, syntax)
                          : find(in, name, {IPP_TAG_KEYWORD}, syntax);
    if (!attr.ok()) return attr.error();
    if (!*attr) return std::string();
    const char* value = ippGetString(*attr, 0, nullptr);
    if (!value || !*value || std::string_view(value).size() > 255)
      return wrong(name, "its value is empty or too long");
    return std::string(value);
  }

  std::optional<Error> integer(const char* name, int low, int high, int& out) const {
    auto attr = find(request, name, {IPP_TAG_INTEGER}, "an integer");
    if (!attr.ok()) return attr.error();
    if (!*attr) return std::nullopt;
    const int value = ippGetInteger(*attr, 0);
    if (value < low || value > high)
      return wrong(name, fmt::format("{} is not from {} to {}", value, low, high));
    out = value;
    return std::nullopt;
  }

  std::optional<Error> media(model::JobTicket& ticket) const {
    auto media = keyword(request, "media", "a keyword or name", true);
    if (!media.ok()) return media.error();
    auto col_attr = find(request, "media-col", {IPP_TAG_BEGIN_COLLECTION}, "a collection");
    if (!col_attr.ok()) return col_attr.error();
    if (!media->empty()) {
      ticket.media.size = pwg_size_name(*media);
      if (ticket.media.size.empty())
        return wrong("media", fmt::format("\"{}\" is not a paper size name (such as "
                                          "iso_a4_210x297mm or na_letter_8.5x11in)",
                                          *media));
    }
    if (!*col_attr) return std::nullopt;
    ipp_t* col = ippGetCollection(*col_attr, 0);
    auto size_name = keyword(col, "media-size-name", "a keyword or name", true);
    if (!size_name.ok()) return size_name.error();
    auto size = find(col, "media-size", {IPP_TAG_BEGIN_COLLECTION}, "a collection");
    if (!size.ok()) return size.error();
    if (!size_name->empty()) {
      ticket.media.size = pwg_size_name(*size_name);
      if (ticket.media.size.empty())
        return wrong("media-col", fmt::format("media-size-name \"{}\" is not a paper size name",
                                              *size_name));
    } else if (*size) {
      ipp_t* dims = ippGetCollection(*size, 0);
      auto x = find(dims, "x-dimension", {IPP_TAG_INTEGER}, "an integer");
      auto y = find(dims, "y-dimension", {IPP_TAG_INTEGER}, "an integer");
      if (!x.ok() || !y.ok() || !*x || !*y)
        return wrong("media-col", "media-size needs one x-dimension and one y-dimension");
      const int width = ippGetInteger(*x, 0);
      const int length = ippGetInteger(*y, 0);
      constexpr int kLargest = 10'000'000;  // 100 m in hundredths of mm: no paper is larger
      const pwg_media_t* known = width > 0 && length > 0 && width <= kLargest &&
                                         length <= kLargest
                                     ? pwgMediaForSize(width, length)
                                     : nullptr;
      if (!known)
        return wrong("media-col", fmt::format("media-size {}x{} (hundredths of mm) is not a "
                                              "paper size",
                                              width, length));
      ticket.media.size = pwg_size_name(known->pwg);
      if (ticket.media.size.empty()) ticket.media.size = known->pwg;
    }
    auto type = keyword(col, "media-type", "a keyword or name", true);
    if (!type.ok()) return type.error();
    auto source = keyword(col, "media-source", "a keyword", true);
    if (!source.ok()) return source.error();
    ticket.media.type = *type;
    ticket.media.source = *source;
    return std::nullopt;
  }

  std::optional<Error> page_ranges(model::JobTicket& ticket) const {
    auto attr = find(request, "page-ranges", {IPP_TAG_RANGE}, "rangeOfInteger",
                     static_cast<int>(model::kMaxPageRanges));
    if (!attr.ok()) return attr.error();
    if (!*attr) return std::nullopt;
    std::int64_t previous = 0;
    for (int i = 0; i < ippGetCount(*attr); ++i) {
      int upper = 0;
      const int lower = ippGetRange(*attr, i, &upper);
      if (lower < 1 || upper < lower || lower <= previous)
        return wrong("page-ranges", fmt::format("{}-{} is not an ascending range of pages "
                                                "from 1 after the one before it",
                                                lower, upper));
      ticket.page_ranges.push_back({lower, upper});
      previous = upper;
    }
    return std::nullopt;
  }

  std::optional<Error> finishings(model::JobTicket& ticket) const {
    auto attr = find(request, "finishings", {IPP_TAG_ENUM}, "enums",
                     static_cast<int>(model::kMaxFinishings));
    if (!attr.ok()) return attr.error();
    if (!*attr) return std::nullopt;
    for (int i = 0; i < ippGetCount(*attr); ++i) {
      const int value = ippGetInteger(*attr, i);
      if (value == IPP_FINISHINGS_NONE) continue;
      const char* name = ippEnumString("finishings", value);
      // libcups spells an enum it does not know as its number.
      if (!name || std::isdigit(static_cast<unsigned char>(name[0])))
        return wrong("finishings", fmt::format("{} is not a finishings value", value));
      ticket.finishings.emplace_back(name);
    }
    return std::nullopt;
  }
};

}  // namespace

void add_ticket_attributes(ipp_t* request, const model::JobTicket& ticket) {
  if (ticket.copies != 1) ippAddInteger(request, kJob, IPP_TAG_INTEGER, "copies", ticket.copies);
  if (!ticket.collate) {
    ippAddString(request, kJob, IPP_TAG_KEYWORD, "multiple-document-handling", nullptr,
                 "separate-documents-uncollated-copies");
  }
  if (ticket.sides) {
    ippAddString(request, kJob, IPP_TAG_KEYWORD, "sides", nullptr,
                 std::string(model::sides_keyword(*ticket.sides)).c_str());
  }
  if (ticket.color_mode) {
    ippAddString(request, kJob, IPP_TAG_KEYWORD, "print-color-mode", nullptr,
                 std::string(model::color_mode_keyword(*ticket.color_mode)).c_str());
  }
  if (ticket.media != model::Media{}) add_media(request, ticket.media);
  if (ticket.orientation) {
    ippAddInteger(request, kJob, IPP_TAG_ENUM, "orientation-requested",
                  static_cast<int>(*ticket.orientation));
  }
  if (!ticket.page_ranges.empty()) {
    std::vector<int> lower;
    std::vector<int> upper;
    for (const auto& range : ticket.page_ranges) {
      lower.push_back(static_cast<int>(std::min<std::int64_t>(range.first, INT_MAX)));
      upper.push_back(static_cast<int>(std::min<std::int64_t>(range.last, INT_MAX)));
    }
    ippAddRanges(request, kJob, "page-ranges", static_cast<int>(lower.size()), lower.data(),
                 upper.data());
  }
  if (ticket.number_up != 1)
    ippAddInteger(request, kJob, IPP_TAG_INTEGER, "number-up", ticket.number_up);
  if (ticket.quality) {
    ippAddInteger(request, kJob, IPP_TAG_ENUM, "print-quality", static_cast<int>(*ticket.quality));
  }
  std::vector<int> finishings;
  for (const auto& keyword : ticket.finishings) {
    const int value = ippEnumValue("finishings", keyword.c_str());
    if (value > 0) finishings.push_back(value);
  }
  if (!finishings.empty()) {
    ippAddIntegers(request, kJob, IPP_TAG_ENUM, "finishings", static_cast<int>(finishings.size()),
                   finishings.data());
  }
}

Result<model::JobTicket> ticket_from_ipp(ipp_t* request) {
  const TicketReader read{request};
  model::JobTicket ticket;
  if (auto error = read.integer("copies", 1, model::kMaxCopies, ticket.copies)) return *error;

  auto handling = read.keyword(request, "multiple-document-handling");
  if (!handling.ok()) return handling.error();
  if (*handling == "separate-documents-uncollated-copies") {
    ticket.collate = false;
  } else if (!handling->empty() && *handling != "separate-documents-collated-copies" &&
             *handling != "single-document" && *handling != "single-document-new-sheet") {
    return read.wrong("multiple-document-handling",
                      "it may be separate-documents-collated-copies or "
                      "separate-documents-uncollated-copies");
  }

  auto sides = read.keyword(request, "sides");
  if (!sides.ok()) return sides.error();
  if (!sides->empty()) {
    ticket.sides = model::sides_from_keyword(*sides);
    if (!ticket.sides)
      return read.wrong("sides", "it may be one-sided, two-sided-long-edge or "
                                 "two-sided-short-edge");
  }

  auto color = read.keyword(request, "print-color-mode");
  if (!color.ok()) return color.error();
  if (*color == "color") {
    ticket.color_mode = model::ColorMode::kColor;
  } else if (*color == "monochrome" || *color == "auto-monochrome" ||
             *color == "process-monochrome" || *color == "bi-level" ||
             *color == "process-bi-level") {
    ticket.color_mode = model::ColorMode::kMonochrome;  // every one of them prints no colour
  } else if (!color->empty() && *color != "auto") {
    return read.wrong("print-color-mode", "it may be auto, color or monochrome");
  }

  if (auto error = read.media(ticket)) return *error;

  int orientation = 0;
  if (auto attr = read.find(request, "orientation-requested", {IPP_TAG_ENUM}, "an enum");
      !attr.ok()) {
    return attr.error();
  } else if (*attr) {
    orientation = ippGetInteger(*attr, 0);
    if (orientation < 3 || orientation > 6)
      return read.wrong("orientation-requested",
                        fmt::format("{} is not 3 (portrait) to 6 (reverse-portrait)", orientation));
    ticket.orientation = static_cast<model::Orientation>(orientation);
  }

  if (auto error = read.page_ranges(ticket)) return *error;

  if (auto error = read.integer("number-up", 1, 16, ticket.number_up)) return *error;
  if (!model::is_valid_number_up(ticket.number_up))
    return read.wrong("number-up", fmt::format("{} is not 1, 2, 4, 6, 9 or 16", ticket.number_up));

  if (auto attr = read.find(request, "print-quality", {IPP_TAG_ENUM}, "an enum"); !attr.ok()) {
    return attr.error();
  } else if (*attr) {
    const int quality = ippGetInteger(*attr, 0);
    if (quality < 3 || quality > 5)
      return read.wrong("print-quality",
                        fmt::format("{} is not 3 (draft), 4 (normal) or 5 (high)", quality));
    ticket.quality = static_cast<model::PrintQuality>(quality);
  }

  if (auto error = read.finishings(ticket)) return *error;

  if (auto problem = model::ticket_problem(ticket))
    return Error{fmt::format("The job's attributes are not valid: {}.", *problem)};
  return ticket;
}

std::string pwg_size_name(std::string_view name) {
  if (auto paper = model::paper_from_media_name(name))
    return std::string(model::media_keyword(*paper));
  const std::string text(name);
  if (const pwg_media_t* media = pwgMediaForPWG(text.c_str())) return media->pwg;
  if (const pwg_media_t* media = pwgMediaForLegacy(text.c_str())) return media->pwg;
  return {};
}

}  // namespace printline::transport
