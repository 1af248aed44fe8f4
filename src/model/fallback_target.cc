#include "model/fallback_target.h"

#include <fmt/format.h>

#include "model/device_uri.h"

namespace printline::model {

Result<FallbackTarget> fallback_target(const Printer& printer, const FallbackSettings& settings) {
  auto host = device_uri_host(printer.device_uri);
  if (!host) return Error{fmt::format("printer \"{}\": {}", printer.name, host.error().message)};

  const bool use_spooling = printer.is_kyocera() && printer.spooling_port.has_value();
  if (settings.kx_integration && !use_spooling) {
    const char* why = printer.is_kyocera()
                          ? "it has no device spooling port configured: add one to the printer"
                          : "it is not a Kyocera device, and with KX Driver Network Manager "
                            "integration only Kyocera device spooling ports work (other ports "
                            "cause authentication errors)";
    return Error{fmt::format("printer \"{}\" cannot be a fallback printer: {}", printer.name, why)};
  }

  FallbackTarget target;
  target.port = use_spooling ? *printer.spooling_port : settings.port;
  target.spooling_port = use_spooling;
  target.may_be_counted_twice = printer.is_kyocera() && !use_spooling;
  if (auto problem = device_port_problem(target.port)) {
    return Error{fmt::format("printer \"{}\": {} {}", printer.name,
                             use_spooling ? "device spooling port:" : "fallback port:", *problem)};
  }
  target.device_uri = make_device_uri(*host, target.port);
  return target;
}

}  // namespace printline::model
