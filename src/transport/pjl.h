#pragma once
// PJL job wrapping for RAW and LPR, so that a printed job can be recognised later in the
// device's job log (the job UUID as the PJL job name, the user as USERNAME).

#include <string>
#include <string_view>

namespace printline::transport {

inline constexpr std::string_view kPjlUniversalExit = "\x1b%-12345X";

// UEL, @PJL JOB NAME="<uuid>", @PJL SET USERNAME / JOBNAME, and @PJL SET COPIES when more
// than one copy is wanted (RAW has no other way to ask for copies). Quotes and control
// characters in the values are replaced, since PJL strings cannot escape them.
std::string pjl_job_header(std::string_view job_uuid, std::string_view user, std::string_view title,
                           int copies = 1);
// UEL, @PJL EOJ NAME="<uuid>", UEL.
std::string pjl_job_footer(std::string_view job_uuid);

}  // namespace printline::transport
