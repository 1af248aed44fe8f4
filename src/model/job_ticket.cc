#include "model/job_ticket.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/ascii.h"
#include "core/i18n.h"
#include "model/json_number.h"

namespace printline::model {
namespace {

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

bool parse_bool(std::string_view text, bool& out) {
  const auto value = ascii_lower(text);
  if (value == "true" || value == "yes" || value == "on" || value == "1") {
    out = true;
    return true;
  }
  if (value == "false" || value == "no" || value == "off" || value == "0") {
    out = false;
    return true;
  }
  return false;
}

struct MediaName {
  PaperSize paper;
  std::string_view pwg;
  std::string_view aliases[3];
};

constexpr std::array<MediaName, 9> kMediaNames{{
    {PaperSize::kA5, "iso_a5_148x210mm", {"a5", "", ""}},
    {PaperSize::kA4, "iso_a4_210x297mm", {"a4", "", ""}},
    {PaperSize::kA3, "iso_a3_297x420mm", {"a3", "", ""}},
    {PaperSize::kA2, "iso_a2_420x594mm", {"a2", "", ""}},
    {PaperSize::kA1, "iso_a1_594x841mm", {"a1", "", ""}},
    {PaperSize::kA0, "iso_a0_841x1189mm", {"a0", "", ""}},
    {PaperSize::kLetter, "na_letter_8.5x11in", {"letter", "na-letter", ""}},
    {PaperSize::kLegal, "na_legal_8.5x14in", {"legal", "na-legal", ""}},
    {PaperSize::kTabloid, "na_ledger_11x17in", {"tabloid", "ledger", "11x17"}},
}};

// The option names that carry the same thing under CUPS's or a print dialog's spelling.
std::string canonical_option(std::string_view name) {
  auto key = ascii_lower(name);
  if (key == "pagesize" || key == "media-size" || key == "media-size-name") return "media";
  if (key == "mediatype") return "media-type";
  if (key == "inputslot" || key == "mediasource") return "media-source";
  if (key == "orientation") return "orientation-requested";
  if (key == "page-range") return "page-ranges";
  if (key == "outputmode" || key == "print-quality") return "print-quality";
  if (key == "duplex") return "duplex";  // PPD values, mapped below
  if (key == "colormodel") return "colormodel";
  return key;
}

Error bad_value(std::string_view option, std::string_view value, std::string_view allowed) {
  return Error{trf("The print option {option}={value} is not valid: {option} may be {allowed}.",
                   fmt::arg("option", option), fmt::arg("value", value),
                   fmt::arg("allowed", allowed))};
}

// One media value may be a size, a type or a source, or a comma list of them (CUPS: "A4,Tray1").
std::optional<Error> apply_media(JobTicket& ticket, std::string_view value) {
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    auto part = value.substr(start, comma == std::string_view::npos ? value.npos : comma - start);
    if (auto paper = paper_from_media_name(part)) {
      ticket.media.size = std::string(media_keyword(*paper));
    } else if (auto key = ascii_lower(part); key.starts_with("tray") || key == "manual" ||
                                       key == "auto" || key == "main" || key == "bypass-tray") {
      ticket.media.source = key;
    } else if (key == "stationery" || key == "cardstock" || key == "envelope" ||
               key == "labels" || key == "transparency" || key == "photographic" ||
               key.starts_with("stationery-")) {
      ticket.media.type = key;
    } else {
      return bad_value("media", value,
                       tr("a paper size (A5, A4, A3, A2, A1, A0, Letter, Legal, Tabloid, or its "
                          "PWG name such as iso_a4_210x297mm), a tray (tray-1, manual, auto) or "
                          "a type (stationery, cardstock)"));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return std::nullopt;
}

bool is_keyword(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_' || c == '.';
  });
}

// IPP finishings enum values (RFC 8011 §5.2.6, PWG 5100.1) as their keywords.
std::optional<std::string_view> finishing_keyword(std::int64_t value) {
  static constexpr std::array<std::string_view, 29> kNames{
      "none",           "staple",           "punch",              "cover",
      "bind",           "saddle-stitch",    "edge-stitch",        "fold",
      "trim",           "bale",             "booklet-maker",      "jog-offset",
      "coat",           "laminate",         "",                   "",
      "",               "staple-top-left",  "staple-bottom-left", "staple-top-right",
      "staple-bottom-right", "edge-stitch-left", "edge-stitch-top", "edge-stitch-right",
      "edge-stitch-bottom",  "staple-dual-left", "staple-dual-top", "staple-dual-right",
      "staple-dual-bottom"};
  if (value < 3 || value >= 3 + static_cast<std::int64_t>(kNames.size())) return std::nullopt;
  const auto name = kNames[static_cast<std::size_t>(value - 3)];
  if (name.empty()) return std::nullopt;
  return name;
}

// A single option onto the ticket; an error for a bad value, none when fine or ignored.
std::optional<Error> apply_option(JobTicket& ticket, std::string_view name,
                                  std::string_view value, UnknownOptions unknown) {
  const auto key = canonical_option(name);
  if (key == "copies" || key == "n") {
    auto n = parse_integer(value);
    if (!n || *n < 1 || *n > kMaxCopies)
      return bad_value(name, value,
                       trf("a whole number from 1 to {max}", fmt::arg("max", kMaxCopies)));
    ticket.copies = static_cast<int>(*n);
  } else if (key == "collate") {
    if (!parse_bool(value, ticket.collate)) return bad_value(name, value, tr("true or false"));
  } else if (key == "multiple-document-handling") {
    if (value == "separate-documents-collated-copies" || value == "single-document") {
      ticket.collate = true;
    } else if (value == "separate-documents-uncollated-copies") {
      ticket.collate = false;
    } else {
      return bad_value(name, value,
                       tr("separate-documents-collated-copies or "
                          "separate-documents-uncollated-copies"));
    }
  } else if (key == "sides") {
    auto sides = sides_from_keyword(value);
    if (!sides)
      return bad_value(name, value, tr("one-sided, two-sided-long-edge or two-sided-short-edge"));
    ticket.sides = sides;
  } else if (key == "duplex") {
    const auto v = ascii_lower(value);
    if (v == "none") ticket.sides = Sides::kOneSided;
    else if (v == "duplexnotumble") ticket.sides = Sides::kTwoSidedLongEdge;
    else if (v == "duplextumble") ticket.sides = Sides::kTwoSidedShortEdge;
    else return bad_value(name, value, tr("None, DuplexNoTumble or DuplexTumble"));
  } else if (key == "print-color-mode") {
    if (ascii_lower(value) == "auto") {
      ticket.color_mode.reset();
    } else if (auto mode = color_mode_from_keyword(value)) {
      ticket.color_mode = mode;
    } else {
      return bad_value(name, value, tr("color, monochrome or auto"));
    }
  } else if (key == "colormodel") {
    const auto v = ascii_lower(value);
    if (v == "gray" || v == "grey" || v == "black" || v == "kgray")
      ticket.color_mode = ColorMode::kMonochrome;
    else if (v == "rgb" || v == "cmyk" || v == "color" || v == "srgb")
      ticket.color_mode = ColorMode::kColor;
    else return bad_value(name, value, tr("Gray, RGB or CMYK"));
  } else if (key == "media") {
    if (auto error = apply_media(ticket, value)) return error;
  } else if (key == "media-type") {
    if (!is_keyword(ascii_lower(value)))
      return bad_value(name, value, tr("a media type keyword"));
    ticket.media.type = ascii_lower(value);
  } else if (key == "media-source") {
    if (!is_keyword(ascii_lower(value)))
      return bad_value(name, value, tr("a media source keyword"));
    ticket.media.source = ascii_lower(value);
  } else if (key == "orientation-requested") {
    auto orientation = orientation_from_keyword(value);
    if (!orientation)
      return bad_value(name, value,
                       tr("portrait, landscape, reverse-landscape, reverse-portrait (or 3 to 6)"));
    ticket.orientation = orientation;
  } else if (key == "landscape") {
    bool on = true;
    if (!value.empty() && !parse_bool(value, on))
      return bad_value(name, value, tr("true or false"));
    ticket.orientation = on ? Orientation::kLandscape : Orientation::kPortrait;
  } else if (key == "page-ranges") {
    auto ranges = parse_page_ranges(value);
    if (!ranges.ok()) return ranges.error();
    ticket.page_ranges = std::move(*ranges);
  } else if (key == "number-up") {
    auto n = parse_integer(value);
    if (!n || !is_valid_number_up(static_cast<int>(std::clamp<std::int64_t>(*n, 0, 100))))
      return bad_value(name, value, tr("1, 2, 4, 6, 9 or 16"));
    ticket.number_up = static_cast<int>(*n);
  } else if (key == "print-quality") {
    auto quality = quality_from_keyword(value);
    if (!quality) return bad_value(name, value, tr("draft, normal or high (or 3 to 5)"));
    ticket.quality = quality;
  } else if (key == "finishings") {
    ticket.finishings.clear();
    std::size_t start = 0;
    while (start <= value.size()) {
      auto comma = value.find(',', start);
      auto part = ascii_lower(value.substr(start, comma == value.npos ? value.npos : comma - start));
      if (auto number = parse_integer(part)) {
        // CUPS passes IPP's enum values (cupsd adds finishings=3, "none", to every job).
        auto keyword = finishing_keyword(*number);
        if (!keyword)
          return bad_value(name, value, tr("finishings keywords such as staple"));
        part = std::string(*keyword);
      }
      if (!is_keyword(part))
        return bad_value(name, value, tr("finishings keywords such as staple"));
      if (part != "none") ticket.finishings.push_back(part);
      if (ticket.finishings.size() > kMaxFinishings)
        return bad_value(name, value,
                         trf("at most {max} finishings", fmt::arg("max", kMaxFinishings)));
      if (comma == value.npos) break;
      start = comma + 1;
    }
  } else if (unknown == UnknownOptions::kRefuse) {
    return Error{trf(
        "The print option \"{option}\" is not one Printline knows. Use copies, collate, sides, "
        "print-color-mode, media, media-type, media-source, orientation-requested, page-ranges, "
        "number-up, print-quality or finishings.",
        fmt::arg("option", name))};
  }
  return std::nullopt;
}

}  // namespace

std::string_view sides_keyword(Sides sides) {
  switch (sides) {
    case Sides::kOneSided: return "one-sided";
    case Sides::kTwoSidedLongEdge: return "two-sided-long-edge";
    case Sides::kTwoSidedShortEdge: return "two-sided-short-edge";
  }
  return "one-sided";
}

std::optional<Sides> sides_from_keyword(std::string_view keyword) {
  for (auto sides : {Sides::kOneSided, Sides::kTwoSidedLongEdge, Sides::kTwoSidedShortEdge})
    if (keyword == sides_keyword(sides)) return sides;
  return std::nullopt;
}

std::string_view color_mode_keyword(ColorMode mode) {
  return mode == ColorMode::kMonochrome ? "monochrome" : "color";
}

std::optional<ColorMode> color_mode_from_keyword(std::string_view keyword) {
  if (keyword == "color") return ColorMode::kColor;
  if (keyword == "monochrome") return ColorMode::kMonochrome;
  return std::nullopt;
}

std::string_view orientation_keyword(Orientation orientation) {
  switch (orientation) {
    case Orientation::kPortrait: return "portrait";
    case Orientation::kLandscape: return "landscape";
    case Orientation::kReverseLandscape: return "reverse-landscape";
    case Orientation::kReversePortrait: return "reverse-portrait";
  }
  return "portrait";
}

std::optional<Orientation> orientation_from_keyword(std::string_view keyword) {
  for (auto o : {Orientation::kPortrait, Orientation::kLandscape, Orientation::kReverseLandscape,
                 Orientation::kReversePortrait}) {
    if (keyword == orientation_keyword(o)) return o;
    if (auto n = parse_integer(keyword); n && *n == static_cast<int>(o)) return o;
  }
  return std::nullopt;
}

std::string_view quality_keyword(PrintQuality quality) {
  switch (quality) {
    case PrintQuality::kDraft: return "draft";
    case PrintQuality::kNormal: return "normal";
    case PrintQuality::kHigh: return "high";
  }
  return "normal";
}

std::optional<PrintQuality> quality_from_keyword(std::string_view keyword) {
  for (auto q : {PrintQuality::kDraft, PrintQuality::kNormal, PrintQuality::kHigh}) {
    if (keyword == quality_keyword(q)) return q;
    if (auto n = parse_integer(keyword); n && *n == static_cast<int>(q)) return q;
  }
  return std::nullopt;
}

bool is_valid_number_up(int number_up) {
  switch (number_up) {
    case 1: case 2: case 4: case 6: case 9: case 16: return true;
    default: return false;
  }
}

std::optional<PaperSize> paper_from_media_name(std::string_view name) {
  const auto key = ascii_lower(name);
  for (const auto& media : kMediaNames) {
    if (key == media.pwg) return media.paper;
    for (auto alias : media.aliases)
      if (!alias.empty() && key == alias) return media.paper;
  }
  return std::nullopt;
}

std::string_view media_keyword(PaperSize paper) {
  for (const auto& media : kMediaNames)
    if (media.paper == paper) return media.pwg;
  return "iso_a4_210x297mm";
}

std::optional<PaperSize> ticket_paper(const JobTicket& ticket) {
  if (ticket.media.size.empty()) return std::nullopt;
  return paper_from_media_name(ticket.media.size);
}

Result<std::vector<PageRange>> parse_page_ranges(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Error{trf(
        "The page ranges \"{ranges}\" are not valid ({why}): write pages and ranges in "
        "ascending order, separated by commas, such as 1-3,5,8-10.",
        fmt::arg("ranges", text), fmt::arg("why", why))};
  };
  std::vector<PageRange> ranges;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto part = text.substr(start, comma == text.npos ? text.npos : comma - start);
    auto dash = part.find('-');
    auto first = parse_integer(part.substr(0, dash));
    auto last = dash == part.npos ? first : parse_integer(part.substr(dash + 1));
    if (!first || !last)
      return invalid(trf("\"{part}\" is not a page or a range", fmt::arg("part", part)));
    if (*first < 1 || *last < *first)
      return invalid(
          trf("\"{part}\" does not go from page 1 or later upwards", fmt::arg("part", part)));
    if (!ranges.empty() && *first <= ranges.back().last)
      return invalid(trf("\"{part}\" overlaps or comes before the range before it",
                         fmt::arg("part", part)));
    ranges.push_back({*first, *last});
    if (ranges.size() > kMaxPageRanges)
      return invalid(trf("more than {max} ranges", fmt::arg("max", kMaxPageRanges)));
    if (comma == text.npos) break;
    start = comma + 1;
  }
  return ranges;
}

std::string format_page_ranges(const std::vector<PageRange>& ranges) {
  std::string out;
  for (const auto& range : ranges) {
    if (!out.empty()) out += ',';
    out += range.first == range.last ? fmt::format("{}", range.first)
                                     : fmt::format("{}-{}", range.first, range.last);
  }
  return out;
}

bool page_selected(const JobTicket& ticket, std::int64_t page) {
  if (ticket.page_ranges.empty()) return true;
  return std::any_of(ticket.page_ranges.begin(), ticket.page_ranges.end(),
                     [&](const PageRange& r) { return page >= r.first && page <= r.last; });
}

Result<JobTicket> apply_options(JobTicket base, const OptionList& options,
                                UnknownOptions unknown) {
  for (const auto& [name, value] : options)
    if (auto error = apply_option(base, name, value, unknown)) return *error;
  return base;
}

std::optional<std::string> page_ranges_problem(const JobTicket& ticket,
                                               std::int64_t document_pages) {
  if (ticket.page_ranges.empty() || document_pages <= 0) return std::nullopt;
  if (ticket.page_ranges.front().first <= document_pages) return std::nullopt;  // ascending
  return fmt::format("page-ranges {} selects no page of this {}-page document; choose pages "
                     "from 1 to {}",
                     format_page_ranges(ticket.page_ranges), document_pages, document_pages);
}

std::optional<std::string> ticket_problem(const JobTicket& ticket) {
  if (ticket.copies < 1 || ticket.copies > kMaxCopies)
    return fmt::format("copies must be from 1 to {}, not {}", kMaxCopies, ticket.copies);
  if (!is_valid_number_up(ticket.number_up))
    return fmt::format("number-up must be 1, 2, 4, 6, 9 or 16, not {}", ticket.number_up);
  if (ticket.page_ranges.size() > kMaxPageRanges)
    return fmt::format("at most {} page ranges", kMaxPageRanges);
  std::int64_t previous_last = 0;
  for (const auto& range : ticket.page_ranges) {
    if (range.first <= previous_last || range.last < range.first)
      return fmt::format("page-ranges {} are not ascending ranges of pages from 1",
                         format_page_ranges(ticket.page_ranges));
    previous_last = range.last;
  }
  if (!ticket.media.size.empty() && !paper_from_media_name(ticket.media.size) &&
      !is_keyword(ticket.media.size))
    return fmt::format("media size \"{}\" is not a media name", ticket.media.size);
  for (const auto* keyword : {&ticket.media.type, &ticket.media.source})
    if (!keyword->empty() && !is_keyword(*keyword))
      return fmt::format("\"{}\" is not a media keyword", *keyword);
  if (ticket.finishings.size() > kMaxFinishings)
    return fmt::format("at most {} finishings", kMaxFinishings);
  for (const auto& finishing : ticket.finishings)
    if (!is_keyword(finishing)) return fmt::format("\"{}\" is not a finishings keyword", finishing);
  return std::nullopt;
}

namespace {

const char* sides_text(Sides sides) {
  switch (sides) {
    case Sides::kOneSided: return tr("one-sided");
    case Sides::kTwoSidedLongEdge: return tr("two-sided (long edge)");
    case Sides::kTwoSidedShortEdge: return tr("two-sided (short edge)");
  }
  return "";
}

const char* color_mode_text(ColorMode mode) {
  return mode == ColorMode::kMonochrome ? tr("monochrome") : tr("colour");
}

const char* orientation_text(Orientation orientation) {
  switch (orientation) {
    case Orientation::kPortrait: return tr("portrait");
    case Orientation::kLandscape: return tr("landscape");
    case Orientation::kReverseLandscape: return tr("reverse landscape");
    case Orientation::kReversePortrait: return tr("reverse portrait");
  }
  return "";
}

const char* quality_text(PrintQuality quality) {
  switch (quality) {
    case PrintQuality::kDraft: return tr("draft quality");
    case PrintQuality::kNormal: return tr("normal quality");
    case PrintQuality::kHigh: return tr("high quality");
  }
  return "";
}

}  // namespace

// In the language of the thread that asks (i18n::LanguageScope): the server describes a job in
// the language of whoever reads it. Media types, sources and finishings stay the printer's
// keywords ("stationery", "tray-1", "staple"): printers name them, not Printline.
std::string describe(const JobTicket& ticket) {
  std::vector<std::string> parts;
  if (ticket.copies != 1) {
    const auto copies = static_cast<unsigned long>(std::max(ticket.copies, 0));
    parts.push_back(ticket.collate ? trnf("{count} copy", "{count} copies", copies)
                                   : trnf("{count} copy uncollated", "{count} copies uncollated",
                                          copies));
  }
  if (ticket.sides) parts.emplace_back(sides_text(*ticket.sides));
  if (ticket.color_mode) parts.emplace_back(color_mode_text(*ticket.color_mode));
  if (auto paper = ticket_paper(ticket)) parts.emplace_back(paper_name(*paper));
  else if (!ticket.media.size.empty()) parts.push_back(ticket.media.size);
  if (!ticket.media.type.empty()) parts.push_back(ticket.media.type);
  if (!ticket.media.source.empty())
    parts.push_back(trf("from {source}", fmt::arg("source", ticket.media.source)));
  if (ticket.orientation) parts.emplace_back(orientation_text(*ticket.orientation));
  if (!ticket.page_ranges.empty())
    parts.push_back(
        trf("pages {ranges}", fmt::arg("ranges", format_page_ranges(ticket.page_ranges))));
  if (ticket.number_up != 1)
    parts.push_back(trnf("{count} per side", "{count} per side",
                         static_cast<unsigned long>(std::max(ticket.number_up, 0))));
  if (ticket.quality) parts.emplace_back(quality_text(*ticket.quality));
  for (const auto& finishing : ticket.finishings) parts.push_back(finishing);
  if (parts.empty()) return tr("as the document is");
  return fmt::format("{}", fmt::join(parts, ", "));
}

OptionList ticket_options(const JobTicket& ticket) {
  OptionList options;
  if (ticket.copies != 1) options.emplace_back("copies", std::to_string(ticket.copies));
  if (!ticket.collate)
    options.emplace_back("multiple-document-handling", "separate-documents-uncollated-copies");
  if (ticket.sides) options.emplace_back("sides", sides_keyword(*ticket.sides));
  if (ticket.color_mode)
    options.emplace_back("print-color-mode", color_mode_keyword(*ticket.color_mode));
  if (!ticket.media.size.empty()) options.emplace_back("media", ticket.media.size);
  if (!ticket.media.type.empty()) options.emplace_back("media-type", ticket.media.type);
  if (!ticket.media.source.empty()) options.emplace_back("media-source", ticket.media.source);
  if (ticket.orientation)
    options.emplace_back("orientation-requested",
                         std::to_string(static_cast<int>(*ticket.orientation)));
  if (!ticket.page_ranges.empty())
    options.emplace_back("page-ranges", format_page_ranges(ticket.page_ranges));
  if (ticket.number_up != 1) options.emplace_back("number-up", std::to_string(ticket.number_up));
  if (ticket.quality) options.emplace_back("print-quality", quality_keyword(*ticket.quality));
  if (!ticket.finishings.empty())
    options.emplace_back("finishings", fmt::format("{}", fmt::join(ticket.finishings, ",")));
  return options;
}

void to_json(nlohmann::json& j, const JobTicket& ticket) {
  j = nlohmann::json::object();
  j["copies"] = ticket.copies;
  j["collate"] = ticket.collate;
  if (ticket.sides) j["sides"] = sides_keyword(*ticket.sides);
  if (ticket.color_mode) j["print-color-mode"] = color_mode_keyword(*ticket.color_mode);
  if (ticket.media != Media{})
    j["media"] = {{"size", ticket.media.size},
                  {"type", ticket.media.type},
                  {"source", ticket.media.source}};
  if (ticket.orientation) j["orientation-requested"] = orientation_keyword(*ticket.orientation);
  if (!ticket.page_ranges.empty()) j["page-ranges"] = format_page_ranges(ticket.page_ranges);
  if (ticket.number_up != 1) j["number-up"] = ticket.number_up;
  if (ticket.quality) j["print-quality"] = quality_keyword(*ticket.quality);
  if (!ticket.finishings.empty()) j["finishings"] = ticket.finishings;
}

void from_json(const nlohmann::json& j, JobTicket& ticket) {
  auto fail = [](const std::string& why) {
    throw JsonNumberError("job ticket: " + why);
  };
  if (!j.is_object()) fail("must be an object");
  JobTicket parsed;
  parsed.copies = integer_or<int>(j, "copies", 1);
  if (auto it = j.find("collate"); it != j.end()) parsed.collate = it->get<bool>();
  auto keyword = [&](const char* name) -> std::optional<std::string> {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return it->get<std::string>();
  };
  if (auto v = keyword("sides")) {
    parsed.sides = sides_from_keyword(*v);
    if (!parsed.sides) fail("sides \"" + *v + "\" is not a sides keyword");
  }
  if (auto v = keyword("print-color-mode")) {
    parsed.color_mode = color_mode_from_keyword(*v);
    if (!parsed.color_mode) fail("print-color-mode \"" + *v + "\" is not color or monochrome");
  }
  if (auto it = j.find("media"); it != j.end()) {
    if (!it->is_object()) fail("media must be an object");
    parsed.media.size = it->value("size", std::string());
    parsed.media.type = it->value("type", std::string());
    parsed.media.source = it->value("source", std::string());
  }
  if (auto v = keyword("orientation-requested")) {
    parsed.orientation = orientation_from_keyword(*v);
    if (!parsed.orientation) fail("orientation-requested \"" + *v + "\" is not an orientation");
  }
  if (auto v = keyword("page-ranges")) {
    auto ranges = parse_page_ranges(*v);
    if (!ranges.ok()) fail(ranges.error().message);
    parsed.page_ranges = std::move(*ranges);
  }
  parsed.number_up = integer_or<int>(j, "number-up", 1);
  if (auto v = keyword("print-quality")) {
    parsed.quality = quality_from_keyword(*v);
    if (!parsed.quality) fail("print-quality \"" + *v + "\" is not draft, normal or high");
  }
  if (auto it = j.find("finishings"); it != j.end()) {
    if (!it->is_array() || it->size() > kMaxFinishings) fail("finishings must be a short list");
    for (const auto& item : *it) parsed.finishings.push_back(item.get<std::string>());
  }
  if (auto problem = ticket_problem(parsed)) fail(*problem);
  ticket = std::move(parsed);
}

}  // namespace printline::model
