#pragma once
// The parts of RFC 1179 that are pure data: the reply a server sends after each command and
// the control file describing a job. Kept apart from the network code so they can be unit
// tested and fuzzed.

#include <cstdint>
#include <string>
#include <string_view>

namespace printline::transport {

struct LpdReply {
  bool accepted = false;  // a single zero byte
  std::string message;    // what a refusing server said, printable text only (may be empty)
};

// Interprets the bytes a server sent in place of an acknowledgement. A zero first byte accepts;
// anything else refuses, and any text after the code (or instead of it, as some servers do)
// becomes the message, with control characters turned into spaces. Never fails.
LpdReply parse_lpd_reply(std::string_view bytes);

struct LpdJob {
  std::string host;    // our host name, H line and file names (at most 31 characters)
  std::string user;    // P line
  std::string title;   // J and N lines
  int job_number = 0;  // 0..999
  int copies = 1;
};

// "cfA123host" / "dfA123host" for the job.
std::string lpd_control_file_name(const LpdJob& job);
std::string lpd_data_file_name(const LpdJob& job);

// The control file: H, P, J, one l line per copy (print as is), U, N; each line ends in LF.
// Values are stripped of control characters, since a line break would start a new command.
std::string lpd_control_file(const LpdJob& job);

// Commands: 02 "receive a printer job", 02 "receive control file", 03 "receive data file".
std::string lpd_receive_job_command(std::string_view queue);
std::string lpd_receive_control_file_command(const LpdJob& job, std::uint64_t size);
std::string lpd_receive_data_file_command(const LpdJob& job, std::uint64_t size);

}  // namespace printline::transport
