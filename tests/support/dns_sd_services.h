#pragma once
// ippeveprinter refuses to start without DNS-SD ("Unable to initialize DNS-SD"), which needs a
// D-Bus system bus and avahi-daemon. This starts them once per machine if they are not running;
// they are left running for later tests (they are system services, not per-test peers).

namespace printline::testing {

// Throws std::runtime_error when they cannot be started. Safe from parallel test programs.
void ensure_dns_sd_services();

}  // namespace printline::testing
