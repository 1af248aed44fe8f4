#pragma once
// Where a fallback job for a printer actually goes under a profile (FP-6, FP-9, D8):
//  - KX Driver Network Manager integration: only the printer's Kyocera device spooling port;
//    anything else is an error (the device would answer with authentication errors).
//  - A Kyocera printer that has a device spooling port: that port (recommended by FP-9, the
//    job is counted once).
//  - Any other printer: the host of its device URI with the profile's protocol, port, queue.
//    For a Kyocera printer this is allowed but the job may be counted twice.
// The server's validation and the client's planner both call this, so they cannot disagree.

#include <string>

#include "core/error.h"
#include "model/client_profile.h"
#include "model/device_port.h"
#include "model/printer.h"

namespace printline::model {

struct FallbackTarget {
  std::string device_uri;  // e.g. socket://10.0.0.5:9100, lpd://10.0.0.5:515/lp
  DevicePort port;
  bool spooling_port = false;         // the Kyocera device spooling port is used
  bool may_be_counted_twice = false;  // Kyocera through a non-spooling port (D8)
};

Result<FallbackTarget> fallback_target(const Printer& printer, const FallbackSettings& settings);

}  // namespace printline::model
