#include "transport/ipp_ticket_fit.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace printline::transport {
namespace {

template <typename T>
bool contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
  return list.empty() ? "none" : fmt::format("{}", fmt::join(list, ", "));
}

Error refusal(const std::string& printer, const std::string& what, const std::string& takes,
              const std::string& instead) {
  return Error{fmt::format("{} cannot {}: it takes {}; {}", printer, what, takes, instead)};
}

bool same_paper(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto pa = model::paper_from_media_name(a);
  auto pb = model::paper_from_media_name(b);
  return pa && pb && *pa == *pb;
}

}  // namespace

bool asks_anything(const model::JobTicket& ticket) { return ticket != model::JobTicket{}; }

Result<model::JobTicket> fit_ticket(const model::JobTicket& asked,
                                    const IppPrinterSupport& support, const std::string& printer) {
  model::JobTicket sent = asked;
  if (asked.copies > 1 && asked.copies > support.copies_max) {
    return refusal(printer, fmt::format("print {} copies", asked.copies),
                   support.copies_max > 1 ? fmt::format("at most {}", support.copies_max)
                                          : std::string("one copy per job"),
                   "ask for fewer copies or choose another printer");
  }
  if (asked.copies <= 1) sent.collate = true;  // nothing to collate
  if (!sent.collate && !contains(support.document_handling,
                                 std::string("separate-documents-uncollated-copies"))) {
    return refusal(printer, "print uncollated copies", "collated copies only",
                   "print collated copies (collate=true) or choose another printer");
  }
  if (asked.sides) {
    const std::string keyword(model::sides_keyword(*asked.sides));
    if (!contains(support.sides, keyword)) {
      if (*asked.sides == model::Sides::kOneSided) {
        sent.sides.reset();  // it prints one-sided anyway
      } else {
        return refusal(printer, fmt::format("print two-sided ({})", keyword),
                       joined(support.sides),
                       "print one-sided (sides=one-sided) or choose a printer that prints on "
                       "both sides");
      }
    }
  }
  if (asked.color_mode) {
    const std::string keyword(model::color_mode_keyword(*asked.color_mode));
    if (!contains(support.color_modes, keyword)) {
      if (*asked.color_mode == model::ColorMode::kMonochrome && support.color) {
        return refusal(printer, "print monochrome", joined(support.color_modes),
                       "print in colour or choose another printer");
      }
      // Colour asked of a mono printer prints grey; monochrome on a mono printer is what it
      // does. Neither needs the attribute.
      sent.color_mode.reset();
    }
  }
  if (!asked.media.size.empty()) {
    const bool takes = std::any_of(support.media.begin(), support.media.end(),
                                   [&](const std::string& m) { return same_paper(m, asked.media.size); });
    if (!takes) {
      auto paper = model::paper_from_media_name(asked.media.size);
      return refusal(printer,
                     fmt::format("print on {}", paper ? std::string(model::paper_name(*paper))
                                                      : asked.media.size),
                     joined(support.media), "choose another paper size or another printer");
    }
  }
  if (!asked.media.type.empty() && !contains(support.media_types, asked.media.type)) {
    return refusal(printer, fmt::format("print on media-type {}", asked.media.type),
                   joined(support.media_types), "choose another media type or another printer");
  }
  if (!asked.media.source.empty() && !contains(support.media_sources, asked.media.source)) {
    return refusal(printer, fmt::format("take paper from {}", asked.media.source),
                   joined(support.media_sources), "choose another tray or another printer");
  }
  if (asked.orientation && !contains(support.orientations, static_cast<int>(*asked.orientation))) {
    if (*asked.orientation == model::Orientation::kPortrait && support.orientations.empty()) {
      sent.orientation.reset();  // as the document is laid out
    } else {
      return refusal(printer,
                     fmt::format("print {}", model::orientation_keyword(*asked.orientation)),
                     "the document's own orientation",
                     "leave orientation-requested out or choose another printer");
    }
  }
  if (!asked.page_ranges.empty() && !support.page_ranges) {
    return refusal(printer,
                   fmt::format("print only pages {}", model::format_page_ranges(asked.page_ranges)),
                   "whole documents only", "print the whole document or choose another printer");
  }
  if (asked.number_up != 1 && !contains(support.number_up, asked.number_up)) {
    std::vector<std::string> ups;
    for (int n : support.number_up) ups.push_back(std::to_string(n));
    return refusal(printer, fmt::format("print {} pages per side", asked.number_up),
                   ups.empty() ? std::string("one page per side") : joined(ups),
                   "choose another number-up or another printer");
  }
  if (asked.quality && !contains(support.qualities, static_cast<int>(*asked.quality))) {
    if (support.qualities.empty() && *asked.quality == model::PrintQuality::kNormal) {
      sent.quality.reset();
    } else {
      return refusal(printer, fmt::format("print at {} quality", model::quality_keyword(*asked.quality)),
                     "its own quality only",
                     "leave print-quality out or choose another printer");
    }
  }
  for (const auto& finishing : asked.finishings) {
    if (finishing == "none") continue;
    if (!contains(support.finishings, finishing)) {
      return refusal(printer, fmt::format("finish with {}", finishing), joined(support.finishings),
                     "leave that finishing out or choose another printer");
    }
  }
  return sent;
}

}  // namespace printline::transport
