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

std::string pjl_job_footer(std::string_view job_uuid) {
  return fmt::format("{}@PJL EOJ NAME=\"{}\"\r\n{}", kPjlUniversalExit, pjl_string(job_uuid),
                     kPjlUniversalExit);
}

}  // namespace printline::transport
