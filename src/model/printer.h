#pragma once
// A print device the server knows (SPEC §3), with its language and capabilities (D11). For Kyocera devices an optional device spooling
// port is the port fallback printing should use so jobs are counted once (FP-9, D8).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/device_port.h"
#include "model/paper_size.h"
#include "model/printer_capabilities.h"

namespace printline::model {

struct Printer {
  std::int64_t id = 0;  // 0 until stored
  std::string name;
  std::string device_uri;  // socket://, lpd://, ipp://, ipps://
  bool color = false;
  PaperSize largest_paper = PaperSize::kA4;
  bool duplex = false;
  std::string vendor;  // free text; "Kyocera" (any case) enables the FP-9 rules
  std::string location;
  bool fallback_allowed = true;
  std::optional<DevicePort> spooling_port;  // Kyocera device spooling port
  // D11: the language RAW/LPR printers are sent (converted by src/render), the paper sizes
  // the printer takes (empty: any up to largest_paper) and, for IPP printers, the document
  // formats it said it accepts (empty: not asked yet).
  PrinterLanguage language = PrinterLanguage::kAuto;
  std::vector<PaperSize> paper_sizes;
  std::vector<std::string> document_formats;

  bool is_kyocera() const;
  bool is_large_format() const { return model::is_large_format(largest_paper); }
  bool operator==(const Printer&) const = default;
};

void to_json(nlohmann::json& j, const Printer& printer);
void from_json(const nlohmann::json& j, Printer& printer);

}  // namespace printline::model
