#pragma once
// D11: what an IPP printer can do (colour, duplex, paper sizes, document formats) is cached
// with the printer when it is saved; this asks every IPP printer again each
// capability_refresh_seconds, so a printer whose duplex unit was removed or whose firmware
// learned a format is described as it is now, and delivery and pricing follow it. A change is
// saved (audit actor "system") and logged; a printer that does not answer keeps what was
// known. Capabilities never break a Desktop Client profile (D8 looks at fallback permission
// and spooling ports, which only the administrator sets), so no re-check is needed here.

#include <chrono>

#include "core/periodic_thread.h"
#include "server/server_config.h"
#include "store/store.h"

namespace printline::server {

class CapabilityRefresh {
 public:
  CapabilityRefresh(const ServerConfig& config, store::Store& store);
  ~CapabilityRefresh();  // stops the thread

  // Asks every capability_refresh_seconds, the first time one period after start (the
  // printers were asked when they were saved).
  void start();
  void stop();
  // Asks every IPP printer once; returns how many descriptions changed.
  int refresh_once();

 private:
  const ServerConfig& config_;
  store::Store& store_;
  PeriodicThread refreshes_;
};

}  // namespace printline::server
