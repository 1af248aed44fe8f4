#include "model/device_port.h"

#include <fmt/format.h>
#include <strings.h>

#include "core/i18n.h"
#include "model/json.h"

namespace printline::model {

std::string_view protocol_name(PortProtocol protocol) {
  switch (protocol) {
    case PortProtocol::kRaw:
      return "RAW";
    case PortProtocol::kLpr:
      return "LPR";
    case PortProtocol::kIpp:
      return "IPP";
  }
  return "RAW";
}

std::optional<PortProtocol> protocol_from_name(std::string_view name) {
  for (auto p : {PortProtocol::kRaw, PortProtocol::kLpr, PortProtocol::kIpp}) {
    const auto n = protocol_name(p);
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return p;
  }
  return std::nullopt;
}

int default_port(PortProtocol protocol) {
  switch (protocol) {
    case PortProtocol::kRaw:
      return 9100;
    case PortProtocol::kLpr:
      return 515;
    case PortProtocol::kIpp:
      return 631;
  }
  return 9100;
}

std::optional<std::string> device_port_problem(const DevicePort& port) {
  if (port.port < 1 || port.port > 65535) {
    return trf("port {port} is out of range: use a TCP port from 1 to 65535 (usually {usual} for "
               "{protocol})",
               fmt::arg("port", port.port), fmt::arg("usual", default_port(port.protocol)),
               fmt::arg("protocol", protocol_name(port.protocol)));
  }
  if (port.protocol == PortProtocol::kLpr && port.queue.empty()) {
    return std::string(
        tr("an LPR port needs a queue name (the LPD queue on the device, e.g. \"lp\" or "
           "\"sysprint\")"));
  }
  if (port.queue.find_first_of(" \t\r\n") != std::string::npos) {
    return trf("queue \"{queue}\" contains white space, which the device cannot address",
               fmt::arg("queue", port.queue));
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, PortProtocol protocol) { j = std::string(protocol_name(protocol)); }

void from_json(const nlohmann::json& j, PortProtocol& protocol) {
  auto parsed = protocol_from_name(j.get<std::string>());
  if (!parsed) {
    throw nlohmann::json::other_error::create(
        501, "protocol must be RAW, LPR or IPP, got " + j.dump(), &j);
  }
  protocol = *parsed;
}

void to_json(nlohmann::json& j, const DevicePort& port) {
  j = {{"protocol", port.protocol}, {"port", port.port}, {"queue", port.queue}};
}

void from_json(const nlohmann::json& j, DevicePort& port) {
  j.at("protocol").get_to(port.protocol);
  port.port = default_port(port.protocol);
  read_optional_field(j, "port", port.port);
  read_optional_field(j, "queue", port.queue);
}

}  // namespace printline::model
