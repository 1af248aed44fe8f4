#include "server/printer_redaction.h"

namespace printline::server {

std::string redact_device_uri(std::string_view uri) {
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return std::string(uri);
  const std::size_t authority = scheme_end + 3;
  const std::size_t authority_end = std::min(uri.find_first_of("/?#", authority), uri.size());
  const std::size_t at = uri.substr(authority, authority_end - authority).rfind('@');
  if (at == std::string_view::npos) return std::string(uri);
  std::string out(uri.substr(0, authority));
  out += "redacted";
  out += uri.substr(authority + at);
  return out;
}

nlohmann::json printer_json_for(const model::Printer& printer, bool caller_is_admin) {
  nlohmann::json out = printer;
  if (!caller_is_admin) out["device_uri"] = redact_device_uri(printer.device_uri);
  return out;
}

}  // namespace printline::server
