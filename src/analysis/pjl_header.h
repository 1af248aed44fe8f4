#pragma once
// The PJL (Printer Job Language) header that drivers put in front of PCL, PCL-XL, PostScript
// or PDF: `ESC%-12345X@PJL ...` lines, usually ending with `@PJL ENTER LANGUAGE = X`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace printline::analysis {

inline constexpr std::string_view kUniversalExitLanguage = "\x1b%-12345X";

struct PjlHeader {
  size_t payload_offset = 0;  // first byte of the page description language
  size_t payload_end = 0;     // one past its last byte (the next UEL, or the end of the data)
  std::optional<std::string> language;  // ENTER LANGUAGE value, upper case
  std::optional<int> copies;            // SET COPIES or SET QTY
  std::optional<bool> duplex;           // SET DUPLEX = ON|OFF
  std::optional<std::string> paper;     // SET PAPER, upper case ("A4", "LETTER")
  // SET RENDERMODE = GRAYSCALE / SET PLANESINUSE = 1 force mono output; COLOR says colour.
  std::optional<bool> grayscale;
};

// Whether the data starts with a UEL or an @PJL line (after optional whitespace).
bool is_pjl_header_start(std::string_view data);

// Reads the PJL lines at the start of `data`. Never fails: unknown commands are ignored and a
// header without ENTER LANGUAGE ends at the first line that is not PJL.
PjlHeader parse_pjl_header(std::string_view data);

}  // namespace printline::analysis
