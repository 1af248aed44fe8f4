#include "model/fallback_target.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "model/device_uri.h"

namespace printline::model {

Result<FallbackTarget> fallback_target(const Printer& printer, const FallbackSettings& settings) {
  auto host = device_uri_host(printer.device_uri);
  if (!host) {
    return Error{trf("printer \"{printer}\": {problem}", fmt::arg("printer", printer.name),
                     fmt::arg("problem", host.error().message))};
  }

  const bool use_spooling = printer.is_kyocera() && printer.spooling_port.has_value();
  if (settings.kx_integration && !use_spooling) {
    const char* why =
        printer.is_kyocera()
            ? tr("it has no device spooling port configured: add one to the printer")
            : tr("it is not a Kyocera device, and with KX Driver Network Manager integration only "
                 "Kyocera device spooling ports work (other ports cause authentication errors)");
    return Error{trf("printer \"{printer}\" cannot be a fallback printer: {why}",
                     fmt::arg("printer", printer.name), fmt::arg("why", why))};
  }

  FallbackTarget target;
  target.port = use_spooling ? *printer.spooling_port : settings.port;
  target.spooling_port = use_spooling;
  target.may_be_counted_twice = printer.is_kyocera() && !use_spooling;
  if (auto problem = device_port_problem(target.port)) {
    return Error{use_spooling ? trf("printer \"{printer}\": device spooling port: {problem}",
                                    fmt::arg("printer", printer.name),
                                    fmt::arg("problem", *problem))
                              : trf("printer \"{printer}\": fallback port: {problem}",
                                    fmt::arg("printer", printer.name),
                                    fmt::arg("problem", *problem))};
  }
  target.device_uri = make_device_uri(*host, target.port);
  return target;
}

}  // namespace printline::model
