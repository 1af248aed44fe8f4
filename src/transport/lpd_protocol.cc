#include "transport/lpd_protocol.h"

#include <fmt/format.h>

#include <algorithm>

namespace printline::transport {
namespace {

constexpr std::size_t kMaxMessage = 512;

// A value safe inside one control-file line (RFC 1179 limits most to 31 or 99 characters).
std::string line_value(std::string_view value, std::size_t max_length) {
  std::string text;
  for (char c : value.substr(0, max_length)) {
    const auto byte = static_cast<unsigned char>(c);
    text.push_back(byte < 0x20 || byte == 0x7f ? '_' : c);
  }
  return text;
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(' ');
  text = text.substr(first, last - first + 1);
  // Collapse runs of spaces that came from line breaks.
  text.erase(
      std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
      text.end());
  return text;
}

}  // namespace

LpdReply parse_lpd_reply(std::string_view bytes) {
  LpdReply reply;
  if (bytes.empty()) return reply;
  reply.accepted = bytes.front() == '\0';
  std::string_view text = bytes;
  // The code byte is binary; a server that answers with text alone keeps its first letter.
  if (static_cast<unsigned char>(bytes.front()) < 0x20) text.remove_prefix(1);
  std::string message;
  for (char c : text.substr(0, kMaxMessage)) {
    const auto byte = static_cast<unsigned char>(c);
    message.push_back(byte < 0x20 || byte == 0x7f ? ' ' : c);
  }
  reply.message = trimmed(std::move(message));
  return reply;
}

std::string lpd_control_file_name(const LpdJob& job) {
  return fmt::format("cfA{:03d}{}", job.job_number % 1000, line_value(job.host, 31));
}

std::string lpd_data_file_name(const LpdJob& job) {
  return fmt::format("dfA{:03d}{}", job.job_number % 1000, line_value(job.host, 31));
}

std::string lpd_control_file(const LpdJob& job) {
  const std::string data_file = lpd_data_file_name(job);
  const std::string title = line_value(job.title.empty() ? "Printline job" : job.title, 99);
  std::string control;
  control += fmt::format("H{}\n", line_value(job.host, 31));
  control += fmt::format("P{}\n", line_value(job.user.empty() ? "printline" : job.user, 31));
  control += fmt::format("J{}\n", title);
  for (int copy = 0; copy < std::max(1, job.copies); ++copy)
    control += fmt::format("l{}\n", data_file);
  control += fmt::format("U{}\n", data_file);
  control += fmt::format("N{}\n", title);
  return control;
}

std::string lpd_receive_job_command(std::string_view queue) {
  return fmt::format("\x02{}\n", queue);
}

std::string lpd_receive_control_file_command(const LpdJob& job, std::uint64_t size) {
  return fmt::format("\x02{} {}\n", size, lpd_control_file_name(job));
}

std::string lpd_receive_data_file_command(const LpdJob& job, std::uint64_t size) {
  return fmt::format("\x03{} {}\n", size, lpd_data_file_name(job));
}

}  // namespace printline::transport
