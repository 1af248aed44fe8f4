#pragma once
// Where a fallback job goes on a device: protocol, TCP port and queue (FP-6). Used by the
// profile's fallback settings and by a Kyocera printer's device spooling port (FP-9).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace printline::model {

enum class PortProtocol { kRaw, kLpr, kIpp };

struct DevicePort {
  PortProtocol protocol = PortProtocol::kRaw;
  int port = 9100;
  // LPR: the LPD queue name (required). IPP: the resource path, default "ipp/print".
  // RAW: unused.
  std::string queue;

  bool operator==(const DevicePort&) const = default;
};

std::string_view protocol_name(PortProtocol protocol);  // "RAW", "LPR", "IPP"
std::optional<PortProtocol> protocol_from_name(std::string_view name);
int default_port(PortProtocol protocol);  // 9100, 515, 631

// What is wrong with the port in words a person can act on, or nullopt when it is usable.
std::optional<std::string> device_port_problem(const DevicePort& port);

void to_json(nlohmann::json& j, PortProtocol protocol);
void from_json(const nlohmann::json& j, PortProtocol& protocol);
void to_json(nlohmann::json& j, const DevicePort& port);
void from_json(const nlohmann::json& j, DevicePort& port);

}  // namespace printline::model
