#include "transport/pjl.h"

#include <fmt/format.h>

namespace printline::transport {
namespace {

// PJL strings are printable ASCII between double quotes, at most 80 characters.
std::string pjl_string(std::string_view value) {
  std::string text;
  for (char c : value.substr(0, 80)) {
    const auto byte = static_cast<unsigned char>(c);
    text.push_back(byte < 0x20 || byte >= 0x7f || c == '"' ? '_' : c);
  }
  return text;
}

// PJL's PAPER names for the sizes PJL has one for.
std::string_view pjl_paper(const model::JobTicket& ticket) {
  auto paper = model::ticket_paper(ticket);
  if (!paper) return "";
  switch (*paper) {
    case model::PaperSize::kA5: return "A5";
    case model::PaperSize::kA4: return "A4";
    case model::PaperSize::kA3: return "A3";
    case model::PaperSize::kLetter: return "LETTER";
    case model::PaperSize::kLegal: return "LEGAL";
    case model::PaperSize::kTabloid: return "LEDGER";
    default: return "";
  }
}

}  // namespace

std::string pjl_job_header(std::string_view job_uuid, std::string_view user, std::string_view title,
                           int copies) {
  std::string header =
      fmt::format("{}@PJL\r\n@PJL JOB NAME=\"{}\"\r\n", kPjlUniversalExit, pjl_string(job_uuid));
  if (!user.empty()) header += fmt::format("@PJL SET USERNAME=\"{}\"\r\n", pjl_string(user));
  if (!title.empty()) header += fmt::format("@PJL SET JOBNAME=\"{}\"\r\n", pjl_string(title));
  if (copies > 1) header += fmt::format("@PJL SET COPIES={}\r\n", copies);
  return header;
}

std::string pjl_job_header(std::string_view job_uuid, std::string_view user, std::string_view title,
                           const model::JobTicket& ticket, std::string_view language) {
  std::string header = pjl_job_header(job_uuid, user, title) + pjl_ticket(ticket);
  if (!language.empty()) header += fmt::format("@PJL ENTER LANGUAGE={}\r\n", pjl_string(language));
  return header;
}

std::string pjl_ticket(const model::JobTicket& ticket) {
  std::string lines;
  if (ticket.sides) {
    if (*ticket.sides == model::Sides::kOneSided) {
      lines += "@PJL SET DUPLEX=OFF\r\n";
    } else {
      lines += "@PJL SET DUPLEX=ON\r\n";
      lines += *ticket.sides == model::Sides::kTwoSidedLongEdge ? "@PJL SET BINDING=LONGEDGE\r\n"
                                                                : "@PJL SET BINDING=SHORTEDGE\r\n";
    }
  }
  if (ticket.color_mode) {
    lines += *ticket.color_mode == model::ColorMode::kMonochrome ? "@PJL SET RENDERMODE=GRAYSCALE\r\n"
                                                                 : "@PJL SET RENDERMODE=COLOR\r\n";
  }
  if (ticket.copies > 1) {
    // QTY prints whole sets (collated); COPIES repeats each page.
    lines += fmt::format("@PJL SET {}={}\r\n", ticket.collate ? "QTY" : "COPIES", ticket.copies);
  }
  if (auto paper = pjl_paper(ticket); !paper.empty()) {
    lines += fmt::format("@PJL SET PAPER={}\r\n", paper);
  }
  if (ticket.orientation) {
    const bool landscape = *ticket.orientation == model::Orientation::kLandscape ||
                           *ticket.orientation == model::Orientation::kReverseLandscape;
    lines += landscape ? "@PJL SET ORIENTATION=LANDSCAPE\r\n" : "@PJL SET ORIENTATION=PORTRAIT\r\n";
  }
  return lines;
}

std::string pjl_job_footer(std::string_view job_uuid) {
  return fmt::format("{}@PJL EOJ NAME=\"{}\"\r\n{}", kPjlUniversalExit, pjl_string(job_uuid),
                     kPjlUniversalExit);
}

}  // namespace printline::transport
