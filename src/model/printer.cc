#include "model/printer.h"

#include <strings.h>

#include "model/json.h"

namespace printline::model {

bool Printer::is_kyocera() const {
  constexpr std::string_view kKyocera = "kyocera";
  return vendor.size() >= kKyocera.size() &&
         strncasecmp(vendor.data(), kKyocera.data(), kKyocera.size()) == 0;
}

void to_json(nlohmann::json& j, const Printer& printer) {
  j = {{"id", printer.id},
       {"name", printer.name},
       {"device_uri", printer.device_uri},
       {"color", printer.color},
       {"largest_paper", printer.largest_paper},
       {"large_format", printer.is_large_format()},
       {"duplex", printer.duplex},
       {"vendor", printer.vendor},
       {"location", printer.location},
       {"fallback_allowed", printer.fallback_allowed},
       {"spooling_port", nullptr},
       {"language", language_keyword(printer.language)},
       {"paper_sizes", printer.paper_sizes},
       {"document_formats", printer.document_formats}};
  if (printer.spooling_port) j["spooling_port"] = *printer.spooling_port;
}

void from_json(const nlohmann::json& j, Printer& printer) {
  read_optional_field(j, "id", printer.id);
  j.at("name").get_to(printer.name);
  j.at("device_uri").get_to(printer.device_uri);
  read_optional_field(j, "color", printer.color);
  read_optional_field(j, "largest_paper", printer.largest_paper);
  read_optional_field(j, "duplex", printer.duplex);
  read_optional_field(j, "vendor", printer.vendor);
  read_optional_field(j, "location", printer.location);
  read_optional_field(j, "fallback_allowed", printer.fallback_allowed);
  if (auto it = j.find("language"); it != j.end() && !it->is_null()) {
    auto language = language_from_keyword(it->get<std::string>());
    if (!language) {
      throw nlohmann::json::other_error::create(
          501,
          "unknown printer language \"" + it->get<std::string>() +
              "\" (use auto, pdf, postscript, pcl-xl or pcl5)",
          &*it);
    }
    printer.language = *language;
  }
  read_optional_field(j, "paper_sizes", printer.paper_sizes);
  read_optional_field(j, "document_formats", printer.document_formats);
  printer.spooling_port.reset();
  if (auto it = j.find("spooling_port"); it != j.end() && !it->is_null()) {
    printer.spooling_port = it->get<DevicePort>();
  }
}

}  // namespace printline::model
