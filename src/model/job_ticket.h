#pragma once
// What the user asked for a job (D11): the job ticket. It is read once at every intake (IPP
// attributes of the server's queues and of the desktop client's local printer, CUPS options in
// the backend's argv[5], `printline print -o NAME=VALUE`, the web), travels with the job (the
// client's outbox, the server's job row, the fallback upload), is what delivery asks of the
// printer, and is what the job is charged for. Option names and values are IPP's keywords
// (RFC 8011, PWG 5100.x), which are also CUPS's `lp -o` names, so one spelling serves all.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "model/paper_size.h"

namespace printline::model {

enum class Sides { kOneSided, kTwoSidedLongEdge, kTwoSidedShortEdge };
enum class ColorMode { kColor, kMonochrome };
// IPP orientation-requested: 3 portrait, 4 landscape, 5 reverse-landscape, 6 reverse-portrait.
enum class Orientation { kPortrait = 3, kLandscape = 4, kReverseLandscape = 5, kReversePortrait = 6 };
// IPP print-quality: 3 draft, 4 normal, 5 high.
enum class PrintQuality { kDraft = 3, kNormal = 4, kHigh = 5 };

// Pages first..last of the document, counted from 1, both included.
struct PageRange {
  std::int64_t first = 1;
  std::int64_t last = 1;
  bool operator==(const PageRange&) const = default;
};

// IPP media / media-col: each empty string means "the printer's default".
struct Media {
  std::string size;    // PWG 5101.1 self-describing name: "iso_a4_210x297mm", "na_letter_8.5x11in"
  std::string type;    // media-type keyword: "stationery", "cardstock", ...
  std::string source;  // media-source keyword: "tray-1", "manual", "auto", ...
  bool operator==(const Media&) const = default;
};

inline constexpr int kMaxCopies = 999;              // D12's bound on every reported number
inline constexpr std::size_t kMaxPageRanges = 100;  // more is a hostile request, not a user
inline constexpr std::size_t kMaxFinishings = 20;

struct JobTicket {
  int copies = 1;       // 1..kMaxCopies
  bool collate = true;  // copies as whole sets (multiple-document-handling)
  std::optional<Sides> sides;           // none: the document's own, else one-sided
  std::optional<ColorMode> color_mode;  // none: "auto", as the document is
  Media media;
  std::optional<Orientation> orientation;
  std::vector<PageRange> page_ranges;  // empty: every page; ascending and not overlapping
  int number_up = 1;                   // document pages per side of a sheet: 1, 2, 4, 6, 9, 16
  std::optional<PrintQuality> quality;
  std::vector<std::string> finishings;  // IPP finishings keywords: "staple", "punch", ...

  bool operator==(const JobTicket&) const = default;
};

// The IPP keywords, both ways. *_from_keyword returns none for an unknown keyword.
std::string_view sides_keyword(Sides sides);  // "one-sided", "two-sided-long-edge", ...
std::optional<Sides> sides_from_keyword(std::string_view keyword);
std::string_view color_mode_keyword(ColorMode mode);  // "color", "monochrome"
// "auto" is not a mode: apply_options turns it into "none" (as the document is).
std::optional<ColorMode> color_mode_from_keyword(std::string_view keyword);
std::string_view orientation_keyword(Orientation orientation);  // "portrait", "landscape", ...
std::optional<Orientation> orientation_from_keyword(std::string_view keyword);  // or "3".."6"
std::string_view quality_keyword(PrintQuality quality);  // "draft", "normal", "high"
std::optional<PrintQuality> quality_from_keyword(std::string_view keyword);  // or "3".."5"
bool is_valid_number_up(int number_up);                                      // 1,2,4,6,9,16

// Paper sizes by the names people and programs use for them: "A4", "a4", "iso_a4_210x297mm",
// "Letter", "na_letter_8.5x11in", "Legal", "Tabloid", "ledger", "na_ledger_11x17in", ...
std::optional<PaperSize> paper_from_media_name(std::string_view name);
std::string_view media_keyword(PaperSize paper);  // the PWG name: "iso_a4_210x297mm"
// The paper the ticket asks for, when its media size is one the model knows.
std::optional<PaperSize> ticket_paper(const JobTicket& ticket);

// "1-3,5,7-9" → ranges; an error that says what is wrong and how to write it.
Result<std::vector<PageRange>> parse_page_ranges(std::string_view text);
std::string format_page_ranges(const std::vector<PageRange>& ranges);  // "1-3,5,7-9"

// Whether page (from 1) is printed under the ticket's page-ranges.
bool page_selected(const JobTicket& ticket, std::int64_t page);

// What to do with an option name the ticket does not know: CUPS passes many of its own
// (job-uuid, job-originating-host-name, ...), which the backend ignores, while a person who
// typed `printline print -o colour=mono` wants to hear that it means nothing.
enum class UnknownOptions { kIgnore, kRefuse };

using OptionList = std::vector<std::pair<std::string, std::string>>;

// Applies lp-style options (NAME=VALUE, as `lp -o` and the CUPS backend's argv[5] carry them)
// over `base`. Accepts the IPP names (copies, collate, multiple-document-handling, sides,
// print-color-mode, media, media-type, media-source, orientation-requested, page-ranges,
// number-up, print-quality, finishings) and the CUPS spellings a desktop's print dialog sends
// (Collate, landscape, ColorModel=Gray, Duplex=DuplexNoTumble, PageSize=A4, ...). A bad value is
// an error naming the option, the value and what it may be.
Result<JobTicket> apply_options(JobTicket base, const OptionList& options,
                                UnknownOptions unknown = UnknownOptions::kRefuse);

// The ticket's own rules (ranges, bounds, keywords): none when valid, else why not. Every
// ticket read from the network (JSON) is checked with this before use.
std::optional<std::string> ticket_problem(const JobTicket& ticket);

// Page ranges past the document's end are clamped to its pages (as CUPS and printers do), but
// ranges that select none of them are a mistake: why, naming the ranges and the page count,
// or none.
std::optional<std::string> page_ranges_problem(const JobTicket& ticket,
                                               std::int64_t document_pages);

// For people: "2 copies, two-sided (long edge), monochrome, A4, pages 1-2, 2 per side".
// The defaults are left out; a default ticket reads "as the document is".
std::string describe(const JobTicket& ticket);

// The lp-style options that reproduce the ticket (only what differs from the defaults).
OptionList ticket_options(const JobTicket& ticket);

// JSON: {"copies":2,"collate":true,"sides":"two-sided-long-edge","print-color-mode":
// "monochrome","media":{"size":..,"type":..,"source":..},"orientation-requested":"portrait",
// "page-ranges":"1-2","number-up":2,"print-quality":"normal","finishings":["staple"]}; absent
// fields are defaults. from_json checks every value (ticket_problem) and throws
// nlohmann::json::exception with the field's name, as the rest of the model's JSON does.
void to_json(nlohmann::json& j, const JobTicket& ticket);
void from_json(const nlohmann::json& j, JobTicket& ticket);

}  // namespace printline::model
