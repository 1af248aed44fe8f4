#include "model/printer_capabilities.h"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <utility>

#include "model/job_ticket.h"
#include "model/printer.h"

namespace printline::model {
namespace {

constexpr std::array<std::pair<PrinterLanguage, std::string_view>, 5> kLanguages{{
    {PrinterLanguage::kAuto, "auto"},
    {PrinterLanguage::kPdf, "pdf"},
    {PrinterLanguage::kPostScript, "postscript"},
    {PrinterLanguage::kPclXl, "pcl-xl"},
    {PrinterLanguage::kPcl5, "pcl5"},
}};

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view language_keyword(PrinterLanguage language) {
  for (const auto& [value, keyword] : kLanguages) {
    if (value == language) return keyword;
  }
  return "auto";
}

std::optional<PrinterLanguage> language_from_keyword(std::string_view keyword) {
  for (const auto& [value, name] : kLanguages) {
    if (same_text(name, keyword)) return value;
  }
  // The spellings people use for the same languages.
  if (same_text(keyword, "ps")) return PrinterLanguage::kPostScript;
  if (same_text(keyword, "pclxl") || same_text(keyword, "pcl6")) return PrinterLanguage::kPclXl;
  if (same_text(keyword, "pcl")) return PrinterLanguage::kPcl5;
  return std::nullopt;
}

void apply_capabilities(Printer& printer, const PrinterCapabilities& capabilities) {
  printer.color = capabilities.color;
  printer.duplex = capabilities.duplex;
  printer.paper_sizes = capabilities.paper_sizes;
  printer.document_formats = capabilities.document_formats;
  if (!capabilities.paper_sizes.empty()) {
    printer.largest_paper = *std::max_element(
        capabilities.paper_sizes.begin(), capabilities.paper_sizes.end(),
        [](PaperSize a, PaperSize b) { return paper_short_edge_mm(a) < paper_short_edge_mm(b); });
  }
}

bool takes_paper(const Printer& printer, PaperSize paper) {
  if (!printer.paper_sizes.empty()) {
    return std::find(printer.paper_sizes.begin(), printer.paper_sizes.end(), paper) !=
           printer.paper_sizes.end();
  }
  return paper_short_edge_mm(paper) <= paper_short_edge_mm(printer.largest_paper);
}

std::optional<std::string> unsupported_option(const Printer& printer, const JobTicket& ticket) {
  if (ticket.sides && *ticket.sides != Sides::kOneSided && !printer.duplex) {
    return fmt::format("{} cannot print two-sided ({}): print one-sided (sides=one-sided) or "
                       "choose a printer that prints on both sides",
                       printer.name, sides_keyword(*ticket.sides));
  }
  if (auto paper = ticket_paper(ticket); paper && !takes_paper(printer, *paper)) {
    const std::string takes = printer.paper_sizes.empty()
                                  ? fmt::format("sizes up to {}", paper_name(printer.largest_paper))
                                  : format_paper_list(printer.paper_sizes);
    return fmt::format("{} cannot print on {}: it takes {}; choose another paper size or "
                       "another printer",
                       printer.name, paper_name(*paper), takes);
  }
  return std::nullopt;
}

std::optional<std::vector<PaperSize>> parse_paper_list(std::string_view text,
                                                       std::string* problem) {
  std::vector<PaperSize> papers;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    auto paper = paper_from_name(item);
    if (!paper) paper = paper_from_media_name(item);
    if (!paper) {
      if (problem) {
        *problem = fmt::format("unknown paper size \"{}\" (use A5, A4, A3, A2, A1, A0, Letter, "
                               "Legal, Tabloid, separated by commas)",
                               item);
      }
      return std::nullopt;
    }
    if (std::find(papers.begin(), papers.end(), *paper) == papers.end()) papers.push_back(*paper);
  }
  return papers;
}

std::string format_paper_list(const std::vector<PaperSize>& papers) {
  std::string text;
  for (auto paper : papers) {
    if (!text.empty()) text += ',';
    text += paper_name(paper);
  }
  return text;
}

}  // namespace printline::model
