#pragma once
// Printers and profiles the model tests share.

#include "model/client_profile.h"
#include "model/printer.h"

namespace printline::model::testing {

inline Printer kyocera_with_spooling() {
  Printer p;
  p.id = 1;
  p.name = "hall-kyocera";
  p.device_uri = "ipp://10.0.0.5:631/ipp/print";
  p.vendor = "Kyocera";
  p.color = true;
  p.spooling_port = DevicePort{PortProtocol::kLpr, 515, "spool"};
  return p;
}

inline Printer kyocera_without_spooling() {
  Printer p = kyocera_with_spooling();
  p.id = 2;
  p.name = "office-kyocera";
  p.device_uri = "socket://10.0.0.6:9100";
  p.spooling_port.reset();
  return p;
}

inline Printer hp_printer() {
  Printer p;
  p.id = 3;
  p.name = "hp-2nd-floor";
  p.device_uri = "lpd://printer.example:515/queue";
  p.vendor = "HP";
  return p;
}

inline ClientProfile fallback_profile() {
  ClientProfile profile;
  profile.name = "Staff";
  profile.server_addresses = {"printline.example:8631"};
  profile.fallback.enabled = true;
  profile.fallback.printer_ids = {1, 2, 3};
  profile.fallback.port = DevicePort{PortProtocol::kRaw, 9100, ""};
  return profile;
}

}  // namespace printline::model::testing
