#pragma once
// PJL job wrapping for RAW and LPR, so that a printed job can be recognised later in the
// device's job log (the job UUID as the PJL job name, the user as USERNAME), and the job
// ticket (D11) in PJL in front of the document: sides, render mode, copies, paper, then the
// language the document is in.

#include <string>
#include <string_view>

#include "model/job_ticket.h"

namespace printline::transport {

inline constexpr std::string_view kPjlUniversalExit = "\x1b%-12345X";

// UEL, @PJL JOB NAME="<uuid>", @PJL SET USERNAME / JOBNAME, and @PJL SET COPIES when more
// than one copy is wanted (RAW has no other way to ask for copies). Quotes and control
// characters in the values are replaced, since PJL strings cannot escape them.
std::string pjl_job_header(std::string_view job_uuid, std::string_view user, std::string_view title,
                           int copies = 1);
// The same, then the ticket (pjl_ticket) and @PJL ENTER LANGUAGE=<language> when a language
// is named ("PCLXL", "POSTSCRIPT", "PDF", "PCL"; empty: the printer recognises the document).
std::string pjl_job_header(std::string_view job_uuid, std::string_view user, std::string_view title,
                           const model::JobTicket& ticket, std::string_view language);
// The ticket as PJL: @PJL SET DUPLEX=ON|OFF and BINDING=LONGEDGE|SHORTEDGE (sides),
// RENDERMODE=GRAYSCALE|COLOR (print-color-mode), QTY=n (collated copies) or COPIES=n
// (uncollated), PAPER=A4|LETTER|... (media), ORIENTATION=PORTRAIT|LANDSCAPE. What the ticket
// leaves to the document is not written.
std::string pjl_ticket(const model::JobTicket& ticket);
// UEL, @PJL EOJ NAME="<uuid>", UEL.
std::string pjl_job_footer(std::string_view job_uuid);

}  // namespace printline::transport
