#pragma once
// What a plain user may see of a printer (D12, D13): a device URI can carry credentials
// (ipps://scan:secret@10.0.0.5/ipp/print). Administrators see the URI as they wrote it; every
// other caller gets it with the userinfo replaced by "redacted", which still shows the host
// and port the desktop client needs for fallback printing.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/printer.h"

namespace printline::server {

// `uri` with any userinfo (user:password@ in the authority) replaced by "redacted@".
std::string redact_device_uri(std::string_view uri);

// The printer's JSON for a caller: as stored for an administrator, redacted otherwise.
nlohmann::json printer_json_for(const model::Printer& printer, bool caller_is_admin);

}  // namespace printline::server
