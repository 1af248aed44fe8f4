#include "server/api_fallback_printers.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/fallback_target.h"
#include "server/api_json_response.h"
#include "server/printer_redaction.h"

namespace printline::server {

ResolvedFallbackPrinters resolve_fallback_printers(store::Store& store,
                                                   const model::FallbackSettings& settings) {
  ResolvedFallbackPrinters resolved;
  std::vector<std::int64_t> ids = settings.printer_ids;
  if (settings.group_id) {
    auto group = read_or_throw(store.find_group(*settings.group_id));
    if (!group) {
      resolved.missing.push_back(
          {"fallback.group_id",
           trf("there is no printer group with id {id}: pick an existing group",
               fmt::arg("id", *settings.group_id))});
    } else {
      ids.insert(ids.end(), group->printer_ids.begin(), group->printer_ids.end());
    }
  }
  for (auto id : ids) {
    auto printer = read_or_throw(store.find_printer(id));
    if (printer) {
      resolved.printers.push_back(std::move(*printer));
    } else {
      resolved.missing.push_back(
          {"fallback.printer_ids",
           trf("there is no printer with id {id}: remove it from the profile",
               fmt::arg("id", id))});
    }
  }
  return resolved;
}

nlohmann::json fallback_printer_json(const model::Printer& printer,
                                     const model::FallbackSettings& settings) {
  // The printer as a plain user may see it: /me/profile serves this to every user.
  nlohmann::json out = {{"printer", printer_json_for(printer, false)}, {"usable", false},
                        {"device_uri", nullptr},  {"port", nullptr},
                        {"spooling_port", false}, {"may_be_counted_twice", false},
                        {"warning", nullptr},     {"problem", nullptr}};
  auto target = model::fallback_target(printer, settings);
  if (!target) {
    out["problem"] = target.error().message;
    return out;
  }
  out["usable"] = true;
  out["device_uri"] = target->device_uri;
  out["port"] = target->port;
  out["spooling_port"] = target->spooling_port;
  out["may_be_counted_twice"] = target->may_be_counted_twice;
  if (target->may_be_counted_twice) {
    out["warning"] =
        trf("\"{printer}\" is a Kyocera device used through a non-spooling port: jobs may be "
            "counted twice (by the device and by Printline)",
            fmt::arg("printer", printer.name));
  }
  return out;
}

}  // namespace printline::server
