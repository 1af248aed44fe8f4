// printline-peers: starts real printer peers on free loopback ports for demos and benchmarks.
//
//   printline-peers [ipp] [lpd] [raw] [reject] [ldap] [raw@HOST:PORT ...]   (default: ipp, lpd, raw)
//
// raw@HOST:PORT is a RAW sink on another loopback address (127.0.0.2, 127.0.0.3, …), so that
// several printers can share one device port as office printers share 9100 (FP-6).
//
// "reject" is Printline's simulator as an IPP printer that refuses jobs from unknown sources,
// as a device that accepts only its accounting server's jobs does (FP-3).
//
// "ldap" is a real OpenLDAP (SlapdPeer) with users user00001…user00003 (passwords pw-<uid>) and
// a group "finance" of the first two; its line is "ldap <uri> <suffix> <admin DN> <admin password>".
//
// prints one line per peer, "<name> <device-uri> <output-path>", then "ready", and runs until
// SIGINT or SIGTERM, when it stops every peer (and their process groups) cleanly.

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/ipp_eve_printer_peer.h"
#include "support/lprng_peer.h"
#include "support/printer_simulator.h"
#include "support/raw_sink_peer.h"
#include "support/slapd_peer.h"

int main(int argc, char** argv) {
  using namespace printline::testing;
  std::set<std::string> wanted(argv + 1, argv + argc);
  if (wanted.empty()) wanted = {"ipp", "lpd", "raw"};
  std::vector<std::pair<std::string, int>> addressed_sinks;  // raw@HOST:PORT
  for (const auto& name : wanted) {
    if (name.rfind("raw@", 0) == 0 && name.find(':') != std::string::npos) {
      const auto colon = name.rfind(':');
      addressed_sinks.emplace_back(name.substr(4, colon - 4), std::atoi(name.c_str() + colon + 1));
      continue;
    }
    if (name != "ipp" && name != "lpd" && name != "raw" && name != "reject" && name != "ldap") {
      std::cerr << "usage: printline-peers [ipp] [lpd] [raw] [reject] [ldap] [raw@HOST:PORT ...]\n";
      return 2;
    }
  }
  // Block the stop signals before any thread or child exists; sigwait() takes them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    std::unique_ptr<IppEvePrinterPeer> ipp;
    std::unique_ptr<LprngPeer> lpd;
    std::unique_ptr<RawSinkPeer> raw;
    std::unique_ptr<PrinterSimulator> reject;
    if (wanted.contains("ipp")) {
      ipp = std::make_unique<IppEvePrinterPeer>("printline-demo");
      std::cout << "ipp " << ipp->uri() << ' ' << ipp->spool_dir().string() << '\n';
    }
    if (wanted.contains("lpd")) {
      lpd = std::make_unique<LprngPeer>();
      std::cout << "lpd " << lpd->uri() << ' ' << lpd->output_file().string() << '\n';
    }
    if (wanted.contains("raw")) {
      raw = std::make_unique<RawSinkPeer>();
      std::cout << "raw " << raw->uri() << ' ' << raw->output_file().string() << '\n';
    }
    if (wanted.contains("reject")) {
      reject = std::make_unique<PrinterSimulator>(
          SimulatorConfig{.fault = SimulatedFault::kIppStatus,
                          .ipp_status = IPP_STATUS_ERROR_NOT_AUTHORIZED,
                          .message = "Jobs from unknown sources are not accepted"});
      std::cout << "reject " << reject->uri("ipp") << " -\n";
    }
    std::unique_ptr<SlapdPeer> ldap;
    if (wanted.contains("ldap")) {
      ldap = std::make_unique<SlapdPeer>();
      ldap->add(SlapdPeer::people_ldif(ldap->suffix(), 3));
      ldap->add(SlapdPeer::group_ldif(ldap->suffix(), "finance", {"user00001", "user00002"}));
      std::cout << "ldap " << ldap->uri() << ' ' << ldap->suffix() << ' ' << ldap->admin_dn()
                << ' ' << ldap->admin_password() << '\n';
    }
    std::vector<std::unique_ptr<RawSinkPeer>> sinks;
    for (const auto& [host, port] : addressed_sinks) {
      sinks.push_back(std::make_unique<RawSinkPeer>(std::filesystem::path{}, host, port));
      std::cout << "raw@" << host << ' ' << sinks.back()->uri() << ' '
                << sinks.back()->output_file().string() << '\n';
    }
    std::cout << "ready" << std::endl;
    int received = 0;
    sigwait(&stop_signals, &received);
  } catch (const std::exception& error) {
    std::cerr << "printline-peers: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
